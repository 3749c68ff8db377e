"""ecslint: a linter and policy checker for Amazon ECS task and service definitions."""

__version__ = "0.1.0"
