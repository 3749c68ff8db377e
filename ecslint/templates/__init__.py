"""Checks implemented once in Python; rules (in rules/*.yaml) and user policies run them
with parameters. One module per template, named after it (`fargate-size` → fargate_size.py),
each exposing TEMPLATE."""
