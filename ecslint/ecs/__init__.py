"""ECS domain facts shared by rules, each kept in one place.

placeholders: deploy-time template placeholders and the UNKNOWN sentinel;
fargate: the Fargate task-size table; images: image reference parsing;
secrets: credential-looking environment names and values; arns: ARN parsing
and `secrets[].valueFrom` syntax.
"""
