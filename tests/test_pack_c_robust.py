"""Rule pack C never crashes on malformed input: any JSON value at the keys its rules read
gives findings (or none), never a traceback; every pointer resolves in the document."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from helpers import settings_for
from ecslint.engine import check_pair, lint_text
from ecslint.model import pointer_tokens

PACK_C = [r.id for r, _, _ in settings_for(()).rules.values()
          if 320 <= int(r.id[3:]) <= 359 or 420 <= int(r.id[3:]) <= 449 or 602 <= int(r.id[3:]) <= 659]
SETTINGS = settings_for(PACK_C)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.sampled_from(
    ["", "host", "ENABLED", "DISABLED", "DAEMON", "FARGATE", "EC2", "CMD", "NONE", "root", "0:0", "awsvpc",
     "CODE_DEPLOY", "${X}", "SYS_ADMIN", "LATEST", "1.3.0", "app", "data"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["name", "command", "enable", "rollback", "base", "weight", "capacityProvider", "containerName",
         "containerPort", "portName", "type", "transitEncryption", "authorizationConfig", "iam",
         "accessPointId", "rootDirectory", "add", "capabilities", "portMappings", "configuredAtLaunch"]),
        inner, max_size=4)), max_leaves=12)

TD_KEYS = ["pidMode", "ipcMode", "networkMode", "volumes", "tags", "requiresCompatibilities", "runtimePlatform"]
C_KEYS = ["privileged", "readonlyRootFilesystem", "user", "healthCheck", "restartPolicy", "linuxParameters",
          "portMappings", "essential", "name"]
SVC_KEYS = ["launchType", "capacityProviderStrategy", "networkConfiguration", "schedulingStrategy",
            "deploymentConfiguration", "deploymentController", "platformVersion", "loadBalancers", "role",
            "enableECSManagedTags", "propagateTags", "enableExecuteCommand", "serviceConnectConfiguration",
            "healthCheckGracePeriodSeconds", "volumeConfigurations", "tags"]


def resolves(doc, pointer):
    node = doc
    for tok in pointer_tokens(pointer):
        node = node[int(tok)] if isinstance(node, list) else node[str(tok)]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(TD_KEYS), values), st.dictionaries(st.sampled_from(C_KEYS), values),
       st.dictionaries(st.sampled_from(SVC_KEYS), values))
def test_any_values_never_crash(td_extra, container_extra, svc_extra):
    td = {"family": "web", **td_extra, "containerDefinitions": [{"name": "app", "image": "nginx:1.27", **container_extra}]}
    svc = {"serviceName": "web", "taskDefinition": "web", **svc_extra}
    for doc in (td, svc):
        for f in lint_text("x.json", json.dumps(doc), SETTINGS, "json").findings:
            resolves(doc, f.pointer)
    for problem, _rule, _ in check_pair(svc, td, SETTINGS):
        node = svc
        for tok in problem.pointer:
            node = node[tok]
        assert problem.message and not problem.message.endswith(".")
