"""Credentials in plain ``environment`` variables: names, values and the verdict.

Messages never contain the value. Everything that decides is data below, each
entry with its reason, so a false positive is fixed by editing a table.
"""

from __future__ import annotations

import re
from functools import cache

from .arns import parse_arn
from .placeholders import is_unknown

# Security Hub ECS.8 / Config ecs-no-environment-secrets default `secretKeys`:
# AWS fails these names in `environment` whatever their value.
ECS8_NAMES = frozenset({"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"})

# Words that make a name a credential, matched in the normalised name (upper case,
# words joined by "_") anywhere on the left but ending at a word end, optionally
# plural: DBPASSWORD and DB_PASSWORDS match, PASSWORDLESS_LOGIN and
# TOKENIZERS_PARALLELISM (Hugging Face) do not.
SECRET_WORDS = (
    "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY",
    "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL",
    "ENCRYPTION_KEY", "SIGNING_KEY", "MASTER_KEY",  # common key names without SECRET
)
# Abbreviations that only count as a whole word: PWD is also the shell's working
# directory variable (OLDPWD), PASS appears inside BYPASS / PASSTHROUGH / COMPASS.
SECRET_WHOLE_WORDS = ("PWD", "PASS")

# Names that contain a credential word but hold something else. Each matches the
# end of the normalised name, so it only applies after the credential word.
NOT_SECRET_SUFFIXES = (
    "TTL", "EXPIRY", "EXPIRES", "EXPIRES_IN", "EXPIRATION", "LIFETIME",  # durations: TOKEN_TTL
    "LENGTH", "MIN_LENGTH", "MAX_LENGTH",  # policy sizes: PASSWORD_MIN_LENGTH
    "TIMEOUT",  # TOKEN_TIMEOUT
    "URL", "URI", "ENDPOINT",  # where to fetch one: TOKEN_URL, AWS_CONTAINER_CREDENTIALS_FULL_URI
    # (a password embedded in such a URL is still caught by the value check)
    "FILE", "PATH", "DIR",  # points at a file holding it: PASSWORD_FILE (Docker *_FILE convention)
    "ARN",  # a Secrets Manager / SSM reference: SECRET_ARN
    "NAME", "ID",  # identifies one: SECRET_NAME, SECRET_ID, S3_ACCESS_KEY_ID (the public half)
    "HEADER",  # which HTTP header carries it: TOKEN_HEADER
    "TYPE",  # TOKEN_TYPE=Bearer (trivy whitelists token_type too)
    "ENABLED", "DISABLED", "REQUIRED",  # switches: PASSWORD_AUTH_ENABLED
    "VERSION",  # SECRET_VERSION (trivy whitelists version)
    "PREFIX", "REGION",  # SECRET_PREFIX, SECRETS_REGION
)

# Whole names that match a credential word but are something else.
NOT_SECRET_NAMES = frozenset({"PWD", "OLDPWD"})  # the shell's working directories

_NAME_RE = re.compile(
    "(?:" + "|".join(SECRET_WORDS) + ")S?(?=_|$)"
    + "|(?:^|_)(?:" + "|".join(SECRET_WHOLE_WORDS) + ")(?=_|$)"
)
_NOT_SECRET_RE = re.compile("_(?:" + "|".join(NOT_SECRET_SUFFIXES) + ")$")


def _normalise(name: str) -> str:
    """dbPassword, db-password, db.password → DB_PASSWORD."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


@cache  # names repeat across a repository's files (DB_PASSWORD, API_KEY): decide each once
def secret_name(name: str) -> bool:
    """True when an environment variable name denotes a credential."""
    if not isinstance(name, str):
        return False
    norm = _normalise(name)
    if norm in ECS8_NAMES:
        return True
    if norm in NOT_SECRET_NAMES:
        return False
    return bool(_NAME_RE.search(norm)) and not _NOT_SECRET_RE.search(norm)


# Values that are not literal credentials (a reference, a setting or a dummy).
REFERENCE_PREFIXES = (
    "ssm:", "secretsmanager:",  # Secrets Manager / Parameter Store references used by tools
    "vault:",  # Bank-Vaults / vault-env
    "op://",  # 1Password secret references
)
# Settings, not credentials: PASSWORD_AUTH=true, a "none" mode.
NOT_CREDENTIAL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "none", "null", "nil"})
# Values shorter than this are dummies ("x", "-", "n/a"), not credentials.
MIN_CREDENTIAL_LENGTH = 4
_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?")  # lengths, durations, counts: 3600
_MASK_RE = re.compile(r"[*xX•.\-_#]+")  # redacted: ****, xxxx, ----
_PATH_RE = re.compile(r"(?:/|\./|\.\./|~/)[A-Za-z0-9._\-/]*")  # /run/secrets/db_password


def reference_value(value: object) -> bool:
    """True when a value is not a literal credential: not a string (a number or a
    boolean), empty, a placeholder or unknown, an ARN, an ``ssm:``-style reference,
    a boolean or number word, shorter than 4 characters, a mask like ``****``, or a
    file path. A numeric PIN therefore goes unreported: numbers are far more often
    settings (lengths, TTLs) under names the exclusions miss."""
    if not isinstance(value, str) or is_unknown(value):
        return True
    text = value.strip()
    return (
        len(text) < MIN_CREDENTIAL_LENGTH
        or text.lower() in NOT_CREDENTIAL_WORDS
        or text.lower().startswith(REFERENCE_PREFIXES)
        or parse_arn(text) is not None
        or bool(_NUMBER_RE.fullmatch(text) or _MASK_RE.fullmatch(text) or _PATH_RE.fullmatch(text))
    )


# (description, pattern) — credentials recognisable by their value alone.
SECRET_VALUE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("a PEM private key", re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")),
    # AWS access key ids; the documented example keys end in EXAMPLE and are skipped.
    ("an AWS access key id",
     re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)(?![A-Z0-9]{9}EXAMPLE)[A-Z0-9]{16}(?![A-Z0-9])")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("a Slack webhook URL", re.compile(r"hooks\.slack\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]+")),
    ("a Stripe live key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])")),
    ("a JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*")),
)
# scheme://user:password@host — the password group is checked separately. The scheme starts
# only where a word does and every run is possessive: a search from each letter of a long
# word rescanned the word, 10 s on a 1 MB value; this runs in linear time.
_URL_PASSWORD_RE = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*+://[^\s:/@]*+:([^\s/@]++)@[^\s/@]")


# For hiding credentials inside any message (a rule may quote a command or a value that
# holds one): the value patterns, plus an HTTP Authorization header or a bearer token, whose
# scheme is kept and credential hidden.
_SECRET_ANY_RE = re.compile("|".join(f"(?:{p.pattern})" for _, p in SECRET_VALUE_PATTERNS))
_CREDENTIAL_RE = re.compile(r"(?i)(\b(?:proxy-)?authorization\s*:\s*(?:(?:bearer|basic|token|digest)\s+)?"
                            r"|\bbearer\s+)[^\s\"',;]{4,}+")
SECRET_SHOWN = "(secret)"


# Every pattern above needs one of these: most messages are passed by a few `in` checks
# (this runs on every finding; 40,000 findings must not pay for three regex passes each).
_TRIGGERS = ("-----BEGIN", "AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "glpat-", "xox", "hooks.slack",
             "k_live_", "AIza", "eyJ", "uthorization", "UTHORIZATION", "earer", "EARER", "://")
# The same texts as one search: a value holding none of them is no credential (half the cost of
# the nine searches secret_value_kind would make; it runs on every environment value).
_TRIGGER_RE = re.compile("|".join(map(re.escape, _TRIGGERS)))


def redact_secrets(text: str) -> str:
    """`text` with every secret-looking part replaced by "(secret)": credentials recognisable
    by their value, passwords in URLs, Authorization headers and bearer tokens."""
    if not _TRIGGER_RE.search(text):
        return text
    text = _SECRET_ANY_RE.sub(SECRET_SHOWN, text)
    text = _CREDENTIAL_RE.sub(lambda m: m.group(1) + SECRET_SHOWN, text)
    if "://" in text:
        text = _URL_PASSWORD_RE.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + SECRET_SHOWN
                                    + m.group(0)[m.end(1) - m.start(0):], text)
    return text


def secret_value_kind(value: str) -> str | None:
    """A short description of a literal credential found in the value, or None."""
    if not isinstance(value, str) or not _TRIGGER_RE.search(value):
        return None
    for kind, pattern in SECRET_VALUE_PATTERNS:
        if pattern.search(value):
            return kind
    for m in _URL_PASSWORD_RE.finditer(value):
        if not reference_value(m.group(1)):
            return "a URL with an embedded password"
    return None


def credential_values(task_definition: dict) -> set:
    """The literal credentials in a task definition's `environment` values, as
    env_secret_problem judges them (whatever a rule's allow-names): the texts a report must
    not copy out of the file (SARIF snippets)."""
    found = set()
    containers = task_definition.get("containerDefinitions")
    for c in containers if isinstance(containers, list) else ():
        env = c.get("environment") if isinstance(c, dict) else None
        for var in env if isinstance(env, list) else ():
            if isinstance(var, dict) and isinstance(var.get("value"), str) and var["value"] \
                    and env_secret_problem(var.get("name"), var["value"]):  # type: ignore[arg-type]
                found.add(var["value"])
    return found


def env_secret_problem(name: str, value: object) -> str | None:
    """Why an ``environment`` entry exposes a credential, or None. Never the value.

    A credential found in the value wins; the ECS.8 names are reported whatever the
    value (as Security Hub does); other credential names need a literal value.
    """
    shown = name if isinstance(name, str) else ""
    kind = secret_value_kind(value) if isinstance(value, str) else None
    if kind:
        return f'the value of "{shown}" contains {kind}'
    if shown in ECS8_NAMES:  # exact, as AWS compares it
        return f'"{shown}" is a credential that Security Hub ECS.8 fails in "environment"; use "secrets"'
    if secret_name(shown) and not reference_value(value):
        return f'"{shown}" looks like a credential and has a literal value'
    return None
