"""GitLab Code Quality report (a JSON array; `artifacts: reports: codequality:`).

Severity: error → critical, warning → major, info → info. Category: Security for the
security rules (Rule.security: `category: security`), else Bug Risk for errors and Style for
the rest. Fingerprints are the stable (rule, path, identity) hash of SARIF and baselines,
made unique within the report as GitLab requires.
"""

from __future__ import annotations

import json

from ecslint.formatters import relative_path
from ecslint.report import digest, fingerprint

SEVERITIES = {1: "info", 2: "major", 3: "critical"}


def render(report) -> str:
    issues, seen = [], set()
    for f in report.findings:
        if f.suppressed is not None:
            continue
        path = relative_path(f.path, report.root)
        fp = first = fingerprint(f, path)
        n = 1
        while fp in seen:  # same rule at the same node twice: keep both, distinctly
            fp = digest(first, f.message, str(n))
            n += 1
        seen.add(fp)
        rule = getattr(report, "rules", {}).get(f.rule)
        if rule is not None and rule[0].security:
            categories = ["Security"]
        else:
            categories = ["Bug Risk"] if int(f.severity) == 3 else ["Style"]
        issues.append({
            "type": "issue",
            "check_name": f"{f.rule} {f.name}",
            "description": f.message,
            "categories": categories,
            "fingerprint": fp,
            "severity": SEVERITIES[int(f.severity)],
            "location": {"path": path, "lines": {"begin": f.region.line, "end": max(f.region.line, f.region.end_line)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
