"""Precision on the real-world corpus (../shared/corpus), pinned to the expert review in
../shared/research/corpus-error-review.md: every error it classes as correct for every deployer
is still an error; no error remains that it classes as false or deployer-dependent; and the
errors it counted correct only because the file's consumer was unknown are still reported, as
warnings naming who rejects them. Every error on the corpus is listed here, so a new one needs a
verdict before it lands. Keys: (rule, corpus file number, JSON pointer)."""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner

from helpers import SHARED
from ecslint.cli import cli

CORPUS = os.path.join(SHARED, "corpus")
pytestmark = pytest.mark.skipif(not os.path.isdir(CORPUS),
                                reason="../shared/corpus is not present: the corpus precision pins need it")

_C0 = "/containerDefinitions/0"
_ALARMS = "/deploymentConfiguration/alarms"
_PUBLIC_IP = "/networkConfiguration/awsvpcConfiguration/assignPublicIp"
_PROXY = "/taskDefinition/proxyConfiguration/containerName"

# The review's "correct" errors: AWS rejects the file, or the task cannot run, whoever deploys it.
CORRECT = {
    ("ECS001", "0135", ""), ("ECS001", "0146", ""), ("ECS001", "0018", ""),
    ("ECS101", "0126", "/enableExecuteCommand"),
    *{("ECS101", "0173", f"{_C0}/environment/{i}/valueFrom") for i in range(4)},
    ("ECS102", "0101", _ALARMS), ("ECS102", "0177", _ALARMS),
    ("ECS103", "0154", "/tags"),
    ("ECS140", "0145", f"{_C0}/portMappings/0/hostPort"),
    ("ECS143", "0049", "/containerDefinitions/1/links/0"),
    ("ECS161", "0003", _PROXY), ("ECS161", "0005", _PROXY),
    ("ECS210", "0059", f"{_C0}/image"), ("ECS210", "0134", f"{_C0}/image"),
    ("ECS210", "0113", f"{_C0}/logConfiguration/logDriver"), ("ECS210", "0117", f"{_C0}/logConfiguration/logDriver"),
    ("ECS210", "0115", f"{_C0}/logConfiguration/logDriver"),
    ("ECS402", "0157", _C0),
    ("ECS605", "0006", _PUBLIC_IP), ("ECS605", "0002", _PUBLIC_IP),
}

# Errors the review did not see (the checks are new or were corrected since), each judged:
NEW = {
    # An empty image in a .yml file: ECS rejects it from the AWS CLI and the deploy action
    # (which drops "" and sends no image), and the render action cannot read a .yml file.
    ("ECS111", "0058", f"{_C0}/image"), ("ECS111", "0058", "/containerDefinitions/1/image"),
    # The review's false negatives 1 and 2: SSM parameter paths without their leading "/"
    # (every task fails at secret retrieval), and an IAM group as the execution role.
    *{("ECS302", "0159", f"{_C0}/secrets/{i}/valueFrom") for i in range(7)},
    ("ECS310", "0057", "/executionRoleArn"),
    # A *.json.tpl the walk now reads (Terraform container_definitions): runtimePlatform is a
    # task-level key, so inside a container Terraform drops it silently and ARM64 is never asked for.
    ("ECS101", "0127", "/0/runtimePlatform"), ("ECS101", "0127", "/1/runtimePlatform"),
}

# Counted correct by the review only because the file's consumer was unknown: the AWS CLI
# rejects them, the deploy action or ecspresso accepts them. Reported, as deployer-dependent.
CONSUMER_UNKNOWN = {
    ("ECS105", "0125", "/taskDefinitionArn"), ("ECS105", "0137", "/taskDefinitionArn"),
    ("ECS105", "0153", "/taskDefinitionArn"), ("ECS105", "0049", "/taskDefinitionArn"),
    ("ECS103", "0057", f"{_C0}/resourceRequirements"), ("ECS103", "0057", f"{_C0}/portMappings/0/containerPort"),
    ("ECS103", "0123", f"{_C0}/resourceRequirements"), ("ECS103", "0123", f"{_C0}/portMappings/0/containerPort"),
    ("ECS103", "0049", f"{_C0}/mountPoints/0/readOnly"), ("ECS103", "0049", "/containerDefinitions/1/mountPoints/0/readOnly"),
    ("ECS103", "0049", "/pidMode"), ("ECS103", "0054", "/ipcMode"),
    ("ECS103", "0142", f"{_C0}/logConfiguration/secretOptions"), ("ECS103", "0142", f"{_C0}/memory"),
    ("ECS103", "0142", "/taskRoleArn"),
}

# The review's false positives: not reported at all any more.
FALSE = {
    ("ECS630", "0085", "/Resources/Service/Properties/LoadBalancers/0/ContainerName"),
    ("ECS106", "0157", "/family"), ("ECS107", "0157", f"{_C0}/name"),
    ("ECS302", "0093", f"{_C0}/secrets/0/valueFrom"),
    ("ECS403", "0049", f"{_C0}/memoryReservation"),
}

# Deployer-dependent (debatable) in the review: warnings now, naming who rejects them.
DEPLOYER_DEPENDENT_FILES = {"ECS103": {"0047", "0050", "0051", "0155"}, "ECS105": {"0050", "0145", "0167", "0101",
                                                                                 "0149", "0151", "0171", "0177",
                                                                                 "0005"},
                            "ECS104": {"0101"}, "ECS305": {"0047"}, "ECS102": {"0167"}}
_NUMBER = re.compile(r"/(\d{4})__")


def _key(f):
    return f["rule"], _NUMBER.search(f["path"]).group(1), f["pointer"]


@pytest.fixture(scope="module")
def findings():
    res = CliRunner().invoke(cli, ["check", "--config", os.devnull, "--preset", "all", "--format", "json",
                                   "--fail-on", "never", CORPUS])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["findings"]


def test_every_error_is_one_the_review_or_this_file_judged_correct(findings):
    errors = {_key(f) for f in findings if f["severity"] == "error"}
    assert errors == CORRECT | NEW


def test_consumer_dependent_findings_are_still_reported_as_warnings(findings):
    severity = {_key(f): f["severity"] for f in findings}
    assert {k: severity.get(k) for k in CONSUMER_UNKNOWN} == dict.fromkeys(CONSUMER_UNKNOWN, "warning")


def test_false_positives_are_gone(findings):
    assert {_key(f) for f in findings} & FALSE == set()


def test_deployer_dependent_findings_are_warnings_that_name_who_rejects(findings):
    seen = {rule: set() for rule in DEPLOYER_DEPENDENT_FILES}
    for f in findings:
        rule, number, _ = _key(f)
        if number in DEPLOYER_DEPENDENT_FILES.get(rule, ()):
            assert f["severity"] == "warning", f
            assert " reject" in f["message"], f
            seen[rule].add(number)
    assert seen == DEPLOYER_DEPENDENT_FILES
