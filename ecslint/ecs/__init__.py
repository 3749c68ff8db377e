"""ECS domain facts shared by rules: each fact lives in exactly one module here."""
