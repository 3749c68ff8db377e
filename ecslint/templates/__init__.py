"""Reusable checks that rules (in rules/*.yaml) and user policies run with parameters: the
data-driven ones shared by several rules, the policy templates and select-assert. One module
per template, named after it (`required-tags` → required_tags.py), each exposing TEMPLATE.
A check serving one rule lives in `ecslint/checks/` under the rule's name."""
