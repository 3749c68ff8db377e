"""A Fargate service that pins an old Linux platform version cannot run task-definition
features that came later (RULES.md §2.2): sizes above 4 vCPU, ephemeralStorage, pidMode
task, SYS_PTRACE, EFS and Secrets Manager JSON keys or versions need 1.4.0; secrets,
dependsOn and container timeouts 1.3.0; health checks 1.1.0. Windows platform versions
are numbered separately and are not judged."""

from ecslint.ecs.arns import parse_arn
from ecslint.ecs.fargate import min_platform_version, parse_cpu, parse_platform_version
from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def _features(td):
    """(feature, minimum version) the task definition uses."""
    cpu = parse_cpu(td.get("cpu"))
    if cpu is not None and min_platform_version(cpu):
        yield f"cpu {cpu}", min_platform_version(cpu)
    if td.get("ephemeralStorage") is not None:
        yield "ephemeralStorage", "1.4.0"
    if td.get("pidMode") == "task":
        yield 'pidMode "task"', "1.4.0"
    if any(isinstance(v.get("efsVolumeConfiguration"), dict) for _, v, _ in td.volumes()):
        yield "EFS volumes", "1.4.0"
    containers = [c for _, c, _ in td.containers()]
    if any(_adds_ptrace(c) for c in containers):
        yield "SYS_PTRACE", "1.4.0"
    secrets = [s for c in containers if isinstance(c.get("secrets"), list) for s in c["secrets"]]
    if any(_secret_part(s) for s in secrets):
        yield "a Secrets Manager JSON key or version", "1.4.0"
    for key, version in (("secrets", "1.3.0"), ("dependsOn", "1.3.0"), ("startTimeout", "1.3.0"),
                         ("stopTimeout", "1.3.0"), ("healthCheck", "1.1.0")):
        if any(c.get(key) for c in containers):
            yield key, version


def _adds_ptrace(c) -> bool:
    lp = c.get("linuxParameters")
    caps = lp.get("capabilities") if isinstance(lp, dict) else None
    add = caps.get("add") if isinstance(caps, dict) else None
    return isinstance(add, list) and any(a in ("SYS_PTRACE", "CAP_SYS_PTRACE") for a in add if isinstance(a, str))


def _secret_part(secret) -> bool:
    """valueFrom names a JSON key, version stage or version id after the secret name."""
    arn = parse_arn(secret.get("valueFrom")) if isinstance(secret, dict) else None
    if arn is None or arn.service != "secretsmanager":
        return False
    return any(arn.resource.split(":")[2:])  # "secret", name, then key/stage/id


def _on_fargate(svc) -> bool:
    if svc.get("launchType") == "FARGATE":
        return True
    strategy = svc.get("capacityProviderStrategy")
    return isinstance(strategy, list) and any(
        isinstance(s, dict) and s.get("capacityProvider") in ("FARGATE", "FARGATE_SPOT") for s in strategy)


def check(svc, td, params, ctx):
    pinned = svc.get("platformVersion")
    version = parse_platform_version(pinned)
    if version is None or not _on_fargate(svc) or td.is_windows:
        return
    too_new = [f"{name} ({need})" for name, need in _features(td) if (parse_platform_version(need) or ()) > version]
    if too_new:
        label = service_label(svc)
        family = f'task definition "{td.family}"' if td.family else "its task definition"
        yield Problem(("platformVersion",), f'{label} pins platformVersion "{pinned}", but {family} uses '
                                            f'{", ".join(too_new)}')


TEMPLATE = Template("fargate-platform-version-too-old", check, pair=True)
