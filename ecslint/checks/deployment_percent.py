"""Deployment percents AWS or the scheduler cannot honour: minimumHealthyPercent outside 0–100
and a DAEMON service's maximumPercent above 100 are rejected, and a minimum above the maximum
leaves no way to deploy."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template

DC = "deploymentConfiguration"


def percents(svc):
    """(min, max, config) with AWS's defaults filled in; None where not an integer."""
    dc = svc.get(DC)
    dc = dc if isinstance(dc, dict) else {}
    daemon = svc.get("schedulingStrategy") == "DAEMON"
    lo, hi = dc.get("minimumHealthyPercent", 0 if daemon else 100), dc.get("maximumPercent", 100 if daemon else 200)
    ok = [v if isinstance(v, int) and not isinstance(v, bool) else None for v in (lo, hi)]
    return ok[0], ok[1], dc


def check(svc, params, ctx):
    lo, hi, dc = percents(svc)
    label = service_label(svc)
    if lo is not None and "minimumHealthyPercent" in dc and not 0 <= lo <= 100:
        yield Problem((DC, "minimumHealthyPercent"), f"{label} has minimumHealthyPercent {lo}; it must be 0–100")
        lo = None  # already reported; the comparison with the maximum would repeat it
    if svc.get("schedulingStrategy") == "DAEMON" and hi is not None and hi > 100 and "maximumPercent" in dc:
        yield Problem((DC, "maximumPercent"), f"{label} uses schedulingStrategy DAEMON with maximumPercent {hi}; "
                                              f"DAEMON services allow at most 100")
    elif lo is not None and hi is not None and lo > hi and ("minimumHealthyPercent" in dc or "maximumPercent" in dc):
        where = (DC, "minimumHealthyPercent") if "minimumHealthyPercent" in dc else (DC, "maximumPercent")
        yield Problem(where, f"{label} has minimumHealthyPercent {lo} above maximumPercent {hi}")


TEMPLATE = Template("deployment-percent", check)
