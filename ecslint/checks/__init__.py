"""Checks that serve one built-in rule each, named after the rule (`invalid-fargate-size` →
invalid_fargate_size.py), each exposing TEMPLATE. A rule without `template:` runs the check
named after it; reusable, parameterised checks live in `ecslint/templates/`."""
