"""JUnit XML: one test suite, one test case per linted file; a file with findings fails, and
its failure lists them as `line:col: severity RULE name: message`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ecslint.formatters import relative_path


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else f"\\x{ord(ch):02x}" for ch in text)


def render(report) -> str:
    by_file: dict = {}
    for path in getattr(report, "paths", ()) or ():
        by_file.setdefault(relative_path(path, report.root), [])
    for f in report.findings:
        if f.suppressed is None:
            by_file.setdefault(relative_path(f.path, report.root), []).append(f)
    failures = sum(1 for fs in by_file.values() if fs)
    tests = str(len(by_file) + len(report.errors))
    suite = ET.Element("testsuite", {"name": "ecslint", "tests": tests, "failures": str(failures),
                                     "errors": str(len(report.errors)), "skipped": "0"})
    for path in sorted(by_file):
        findings = by_file[path]
        case = ET.SubElement(suite, "testcase", {"name": _clean(path), "classname": "ecslint"})
        if findings:
            worst = max(int(f.severity) for f in findings)
            lines = [f"{f.region.line}:{f.region.column}: {f.severity} {f.rule} {f.name}: {f.message}" for f in findings]
            failure = ET.SubElement(case, "failure", {
                "message": _clean(f"{len(findings)} problem{'s' if len(findings) != 1 else ''}"),
                "type": ("info", "warning", "error")[worst - 1]})
            failure.text = _clean("\n".join(lines))
    for message in report.errors:
        case = ET.SubElement(suite, "testcase", {"name": "read error", "classname": "ecslint"})
        ET.SubElement(case, "error", {"message": _clean(message)})
    root = ET.Element("testsuites", {"name": "ecslint", "tests": tests, "failures": str(failures)})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
