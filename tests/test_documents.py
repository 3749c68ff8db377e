"""Classification by content, and the messages for the describe-output shapes people paste."""

from __future__ import annotations

import pytest

from helpers import lint_value, triples
from ecslint.inputs import classify, looks_like_ecs
from ecslint.model import Origin


@pytest.mark.parametrize("value,kind,origin", [
    ({"family": "web", "containerDefinitions": []}, "task-definition", Origin.REGISTER),
    ({"taskDefinition": {"family": "web", "containerDefinitions": []}, "tags": []}, "task-definition", Origin.DESCRIBE),
    ({"serviceName": "web", "taskDefinition": "web"}, "service", Origin.CREATE),
    ({"service": "web", "taskDefinition": "web:3"}, "service", Origin.UPDATE),
    ({"cluster": "prod", "forceNewDeployment": True, "desiredCount": 2}, "service", Origin.UPDATE),
    ({"services": [{"serviceName": "a", "serviceArn": "arn:aws:ecs:eu-west-1:1:service/x/a"}]}, "service", Origin.DESCRIBE_SERVICES),
    ([{"name": "app", "image": "nginx:1.27"}], "task-definition", Origin.CONTAINER_DEFINITIONS),
])
def test_classify(value, kind, origin):
    docs, reason = classify(value)
    assert reason == ""
    assert [(d.kind, d.origin) for d in docs] == [(kind, origin)] * len(docs)


@pytest.mark.parametrize("value,reason", [
    ({"name": "pkg", "version": "1.0.0", "dependencies": {}}, "not an ECS task or service definition"),
    ({"version": 1, "task_definition": {"task_size": {}}}, "an ecs-cli ecs-params file"),
    ({"cluster": "c", "taskDefinition": "td", "count": 1, "launchType": "FARGATE"}, "not an ECS task or service definition"),
    ([1, 2, 3], "a list that is not an array of container definitions"),
])
def test_non_ecs_documents_are_skipped_with_a_reason(value, reason):
    assert classify(value) == ([], reason)


def test_unparsable_text_counts_as_ecs_only_with_ecs_names():
    assert looks_like_ecs('{"family": "web", "containerDefinitions": [,]}')
    assert looks_like_ecs("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n  {{ bad")
    assert not looks_like_ecs('{\n  // tsconfig\n  "compilerOptions": {}\n}')
    assert not looks_like_ecs("apiVersion: v1\nkind: Pod\nspec: {{ .Values.spec }}")


def test_null_from_a_console_export_names_who_rejects_it():
    doc = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512,
                                                      "dependsOn": None}]}
    assert triples(lint_value(doc, ["ECS103"])) == [
        ("ECS103", "/containerDefinitions/0/dependsOn",
         '"dependsOn" must be an array, not null; the AWS CLI rejects null; the ECS deploy action and ecspresso drop it')]
