"""Rule documentation, rendered from each rule's one definition: `ecslint explain`, the
`ecslint rules` listings, docs/rules/*.md and SARIF help text all come from here."""

from __future__ import annotations

import json

SECTION_TITLES = (
    ("what", "What it does"),
    ("why", "Why is this bad?"),
    ("example", "Example"),
    ("use-instead", "Use instead"),
    ("options", "Options"),
    ("when-to-ignore", "When to ignore"),
    ("references", "References"),
)
PEER_NAMES = {
    "security-hub": "AWS Security Hub", "aws-config": "AWS Config", "control-tower": "AWS Control Tower",
    "checkov": "checkov", "cfn-lint": "cfn-lint", "trivy": "trivy", "kics": "KICS", "prowler": "prowler",
    "cdk-nag": "cdk-nag",
}


def _pretty_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2)
    except ValueError:
        return text.strip()


def _options_section(rule) -> str:
    """The options a user may set, from the rule's own definition (no check is imported)."""
    if not rule.options:
        return "None."
    lines = ["| option | type | default | description |", "|---|---|---|---|"]
    for name, spec in sorted(rule.options.items()):
        default = json.dumps(spec["default"]) if "default" in spec else ""
        lines.append(f"| `{name}` | {spec.get('type', 'any')} | {default} | {spec.get('description', '')} |")
    return "\n".join(lines)


def _references_section(rule) -> str:
    lines = [f"- <{u}>" for u in rule.references]
    for key, ids in sorted(rule.peers.items()):
        lines.append(f"- {PEER_NAMES.get(key, key)}: {', '.join(f'`{i}`' for i in ids)}")
    return "\n".join(lines) if lines else "None."


def sections(rule) -> list[tuple[str, str]]:
    """(title, markdown body) in the fixed order."""
    docs = rule.docs
    out = []
    for key, title in SECTION_TITLES:
        if key in ("example", "use-instead"):
            if key not in docs:
                continue
            pretty = _pretty_json(docs[key])
            lang = "json" if pretty != docs[key].strip() or docs[key].lstrip().startswith(("{", "[")) else "yaml"
            body = f"```{lang}\n{pretty}\n```"
        elif key == "options":
            body = _options_section(rule)
        elif key == "references":
            body = _references_section(rule)
        elif key == "when-to-ignore":
            body = (docs.get(key, "").strip() + "\n\nTo silence it for one path, add to `.ecslint.yaml`:\n\n"
                    f"```yaml\nignore:\n  - rule: {rule.name}\n    paths: [\"path/to/file.json\"]\n"
                    f"    reason: why this is acceptable here\n```")
        else:
            body = docs.get(key, "").strip()
            if not body and rule.category == "policy":
                continue  # a policy may leave its docs out; show only what it has
        out.append((title, body))
    return out


def rule_page(rule) -> str:
    head = [f"# {rule.id} {rule.name}", "", f"{rule.summary}.", "",
            f"- Default severity: **{rule.severity}**",
            f"- Category: {rule.category}",
            f"- Applies to: {', '.join(rule.applies_to)}",
            f"- In preset: {'recommended, all' if rule.preset == 'recommended' else 'all'}"]
    if rule.security_severity is not None:
        head.append(f"- Security severity (SARIF): {rule.security_severity}")
    fix = rule.raw.get("fix") if rule.raw else None
    if fix == "safe":
        head.append("- Autofix: safe (`ecslint check --fix` applies it; the deployed result is what AWS would accept)")
    elif fix == "unsafe":
        head.append("- Autofix: unsafe (changes what runs; applied only with `--fix --unsafe-fixes`)")
    if rule.remediation:
        head += ["", f"**Fix:** {rule.remediation}"]
    parts = ["\n".join(head)]
    for title, body in sections(rule):
        parts.append(f"## {title}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def help_text(rule) -> str:
    """Plain-text help (SARIF help.text)."""
    docs = rule.docs
    return "\n\n".join(s for s in (rule.summary + ".", docs.get("what", "").strip(), docs.get("why", "").strip(),
                                   rule.remediation) if s)


def rules_listing(registry, enabled: dict, fmt: str, only_enabled: bool = False) -> str:
    """The rules table; `only_enabled` (a compliance preset) lists only the rules it turns on
    and adds the Security Hub controls each stands for."""
    from ecslint.config import security_hub_controls

    rows = []
    for r in registry.rules:
        eff = enabled.get(r.id)
        if only_enabled and not eff:
            continue
        rows.append({
            "id": r.id, "name": r.name, "severity": str(r.severity),
            "effective": str(eff[1]) if eff else "off", "category": r.category,
            "summary": r.summary, "applies_to": list(r.applies_to), "preset": r.preset,
            "help_uri": r.docs_url, "security_hub": security_hub_controls(r),
        })
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| id | name | severity | category | summary |", "|---|---|---|---|---|"]
        lines += [f"| [{x['id']}]({x['id']}.md) | `{x['name']}` | {x['severity']} | {x['category']} | {x['summary']} |" for x in rows]
        return "\n".join(lines) + "\n"
    w = max(len(x["name"]) for x in rows) if rows else 10
    if only_enabled:
        c = max([len(", ".join(x["security_hub"])) for x in rows] + [8])
        lines = [f"{'ID':<7} {'NAME':<{w}} {'CONTROLS':<{c}} {'ACTIVE':<8} SUMMARY"]
        lines += [f"{x['id']:<7} {x['name']:<{w}} {', '.join(x['security_hub']):<{c}} {x['effective']:<8} {x['summary']}"
                  for x in rows]
        return "\n".join(lines) + "\n"
    lines = [f"{'ID':<7} {'NAME':<{w}} {'SEVERITY':<9} {'ACTIVE':<8} SUMMARY"]
    lines += [f"{x['id']:<7} {x['name']:<{w}} {x['severity']:<9} {x['effective']:<8} {x['summary']}" for x in rows]
    return "\n".join(lines) + "\n"
