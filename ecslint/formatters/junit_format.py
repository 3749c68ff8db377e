"""JUnit XML: one test suite, one test case per file that holds ECS documents or has a
finding (a file skipped as not ECS is no test). A case fails when it has a finding at or above
--fail-on; its failure lists those as `line:col: severity RULE name: message`, and findings
below the threshold are listed in the case's system-out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ecslint.formatters import relative_path


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else f"\\x{ord(ch):02x}" for ch in text)


def _line(f) -> str:
    return f"{f.region.line}:{f.region.column}: {f.severity} {f.rule} {f.name}: {f.message}"


def render(report) -> str:
    skipped = {path for path, _ in getattr(report, "skipped", ())}
    by_file: dict = {}
    for path in getattr(report, "paths", ()) or ():
        if path not in skipped:
            by_file.setdefault(relative_path(path, report.root), [])
    for f in report.findings:
        if f.suppressed is None:
            by_file.setdefault(relative_path(f.path, report.root), []).append(f)
    failing = {path: [f for f in findings if report.fails(f)] for path, findings in by_file.items()}
    failures = sum(1 for fs in failing.values() if fs)
    tests = str(len(by_file) + len(report.errors))
    suite = ET.Element("testsuite", {"name": "ecslint", "tests": tests, "failures": str(failures),
                                     "errors": str(len(report.errors)), "skipped": "0"})
    for path in sorted(by_file):
        case = ET.SubElement(suite, "testcase", {"name": _clean(path), "classname": "ecslint"})
        fails = failing[path]
        if fails:
            worst = max(int(f.severity) for f in fails)
            failure = ET.SubElement(case, "failure", {
                "message": _clean(f"{len(fails)} problem{'s' if len(fails) != 1 else ''} at or above "
                                  f"--fail-on {report.fail_on}"),
                "type": ("info", "warning", "error")[worst - 1]})
            failure.text = _clean("\n".join(map(_line, fails)))
        below = [f for f in by_file[path] if not report.fails(f)]
        if below:
            ET.SubElement(case, "system-out").text = _clean("\n".join(map(_line, below)))
    for message in report.errors:
        case = ET.SubElement(suite, "testcase", {"name": "read error", "classname": "ecslint"})
        ET.SubElement(case, "error", {"message": _clean(message)})
    root = ET.Element("testsuites", {"name": "ecslint", "tests": tests, "failures": str(failures)})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
