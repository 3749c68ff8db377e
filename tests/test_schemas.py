"""Generated schemas (scripts/gen_schemas.py) and the runtime validator (ecslint.schema)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint import schema as S
from ecslint.schema import SchemaError, validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "schema"
TD, CS, US = "register-task-definition", "create-service", "update-service"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


VALID = [(TD, f.stem) for f in sorted(FIXTURES.glob("td-*.json"))] + \
        [(CS, f.stem) for f in sorted(FIXTURES.glob("svc-*.json"))]


def mutate(base: str, change) -> dict:
    doc = copy.deepcopy(fixture(base))
    change(doc)
    return doc


def _set(path, value):
    def change(doc):
        *parents, last = path
        for p in parents:
            doc = doc[p]
        doc[last] = value
    return change


def _rename(old, new):
    return lambda doc: doc.__setitem__(new, doc.pop(old))


WEB, BRIDGE, SVC = "td-fargate-web", "td-ec2-bridge", "svc-fargate"
MUTATIONS = {
    "unknown-key": (TD, mutate(WEB, _set(["bogus"], 1))),
    "typo-key": (TD, mutate(WEB, _rename("containerDefinitions", "containerDefintions"))),
    "nested-typo": (TD, mutate(WEB, lambda d: _rename("image", "imag")(d["containerDefinitions"][0]))),
    "missing-family": (TD, mutate(WEB, lambda d: d.pop("family"))),
    "cpu-int": (TD, mutate(WEB, _set(["cpu"], 256))),
    "essential-str": (TD, mutate(WEB, _set(["containerDefinitions", 0, "essential"], "true"))),
    "enum": (TD, mutate(WEB, _set(["networkMode"], "AWSVPC"))),
    "tag-key-129": (TD, mutate(WEB, _set(["tags", 0, "key"], "k" * 129))),
    "tags-51": (TD, mutate(WEB, _set(["tags"], [{"key": f"k{i}", "value": "v"} for i in range(51)]))),
    "memory-float": (TD, mutate(BRIDGE, _set(["containerDefinitions", 0, "memory"], 512.0))),
    "tag-pattern": (TD, mutate(WEB, _set(["tags", 0, "key"], "bad#key"))),
    "cpu-bool": (TD, mutate(BRIDGE, _set(["containerDefinitions", 0, "cpu"], True))),
    "no-containers": (TD, mutate(WEB, _set(["containerDefinitions"], []))),
    "describe-output": (TD, mutate(WEB, _set(["taskDefinitionArn"], "arn:aws:ecs:eu-west-1:1:task-definition/web:1"))),
    "ulimit-missing": (TD, mutate(BRIDGE, lambda d: d["containerDefinitions"][0]["ulimits"][0].pop("hardLimit"))),
    "svc-typo": (CS, mutate(SVC, _rename("desiredCount", "desiredCont"))),
    "svc-enum": (CS, mutate(SVC, _set(["launchType"], "fargate"))),
    "svc-max": (CS, mutate("svc-capacity-connect", _set(["capacityProviderStrategy", 0, "weight"], 1001))),
    "svc-missing-name": (CS, mutate(SVC, lambda d: d.pop("serviceName"))),
    "svc-union-empty": (CS, mutate(SVC, _set(["serviceConnectConfiguration"],
                                             {"enabled": True, "containerConfigurations": [{}]}))),
    "update-valid": (US, {"cluster": "prod", "service": "web", "desiredCount": 4, "forceNewDeployment": True}),
    "update-has-launchtype": (US, {"service": "web", "launchType": "FARGATE"}),
}
DOCS = [(name, kind, fixture(name)) for kind, name in VALID] + [(n, k, d) for n, (k, d) in MUTATIONS.items()]


# ---------------------------------------------------------------- generator

def test_check_mode_passes():
    pytest.importorskip("botocore")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_schemas.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("botocore ")
    assert "up to date" in run.stdout


@pytest.mark.parametrize("name", S.SCHEMA_NAMES)
def test_schemas_are_valid_2020_12(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = S.load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["x-generated-from"]) == {"botocore", "model", "sha256"}


def test_overlays_and_readonly():
    td = S.load_schema(TD)["$defs"]
    assert td["ContainerDefinition"]["required"] == ["name", "image"]
    assert td["RegisterTaskDefinitionRequest"]["properties"]["containerDefinitions"]["minItems"] == 1
    assert td["TagKey"]["pattern"].startswith("^(?:") and td["TagKey"]["pattern"].endswith(")$")
    ro = S.readonly_fields()
    assert {"taskDefinitionArn", "revision", "status", "registeredAt"} <= set(ro["task-definition"])
    assert {"serviceArn", "clusterArn", "deployments"} <= set(ro["service"])
    assert ro["service-renames"] == {"clusterArn": "cluster", "roleArn": "role"}
    assert ro["task-definition"] == sorted(ro["task-definition"])
    assert S.botocore_version() == S.load_schema(CS)["x-generated-from"]["botocore"]


# ---------------------------------------------------------------- validity

@pytest.mark.parametrize("kind,name", VALID)
def test_fixtures_are_valid(kind, name):
    assert validate(kind, fixture(name)) == []


@pytest.mark.parametrize("name,kind,doc", DOCS, ids=[d[0] for d in DOCS])
def test_python_jsonschema_and_jsonschema_rs_agree(name, kind, doc):
    jsonschema = pytest.importorskip("jsonschema")
    import jsonschema_rs

    schema = S.load_schema(kind)
    py = jsonschema.Draft202012Validator(schema).is_valid(doc)
    rs = jsonschema_rs.Draft202012Validator(schema).is_valid(doc)
    assert py == rs
    # validate() adds exactly one thing the schema cannot say: whole-number floats are not integers.
    assert (validate(kind, doc) == []) == (rs and name != "memory-float")


def test_unicode_tags_agree_across_engines():
    # jsonschema-rs's \w is ASCII-only and Python's is Unicode; the generated pattern avoids both.
    jsonschema = pytest.importorskip("jsonschema")
    for key, ok in [("ключ", True), ("日本語 1", True), ("a:b/c=d+e-f@g_h.i", True), ("bad#key", False), ("a\tb", False)]:
        doc = mutate(WEB, _set(["tags", 0, "key"], key))
        assert (validate(TD, doc) == []) is ok, key
        assert jsonschema.Draft202012Validator(S.load_schema(TD)).is_valid(doc) is ok, key


# ---------------------------------------------------------------- messages

def E(pointer, kind, message):
    """The expected error; the two kinds that name a field must name the one their message quotes."""
    field = None
    if kind in ("unknown-property", "missing-required"):
        field = message.split('"')[1]
    return SchemaError(tuple(pointer), kind, message, field=field)


def test_message_unknown_top_level_with_suggestion():
    assert validate(TD, MUTATIONS["typo-key"][1]) == [
        E([], "missing-required", 'required field "containerDefinitions" is missing'),
        E(["containerDefintions"], "unknown-property",
          'unknown field "containerDefintions" in the task definition; did you mean "containerDefinitions"?'),
    ]


def test_message_unknown_nested_and_no_suggestion():
    assert validate(TD, MUTATIONS["nested-typo"][1]) == [
        E(["containerDefinitions", 0], "missing-required", 'required field "image" is missing'),
        E(["containerDefinitions", 0, "imag"], "unknown-property",
          'unknown field "imag" at /containerDefinitions/0; did you mean "image"?'),
    ]
    assert validate(TD, MUTATIONS["unknown-key"][1]) == [
        E(["bogus"], "unknown-property", 'unknown field "bogus" in the task definition')]
    assert validate(CS, MUTATIONS["svc-typo"][1]) == [
        E(["desiredCont"], "unknown-property", 'unknown field "desiredCont" in the service; did you mean "desiredCount"?')]


def test_message_describe_output_fields():
    assert validate(TD, MUTATIONS["describe-output"][1]) == [
        E(["taskDefinitionArn"], "unknown-property", 'unknown field "taskDefinitionArn" in the task definition; '
          "it is read-only output of describe-task-definition, remove it")]
    assert validate(CS, mutate(SVC, _rename("cluster", "clusterArn"))) == [
        E(["clusterArn"], "unknown-property", 'unknown field "clusterArn" in the service; did you mean "cluster"?')]


def test_message_missing_required():
    assert validate(TD, MUTATIONS["missing-family"][1]) == [
        E([], "missing-required", 'required field "family" is missing')]
    assert validate(TD, MUTATIONS["ulimit-missing"][1]) == [
        E(["containerDefinitions", 0, "ulimits", 0], "missing-required", 'required field "hardLimit" is missing')]


def test_message_wrong_type():
    assert validate(TD, MUTATIONS["cpu-int"][1]) == [
        E(["cpu"], "wrong-type", '"cpu" must be a string, not an integer; write "256"')]
    assert validate(TD, MUTATIONS["essential-str"][1]) == [
        E(["containerDefinitions", 0, "essential"], "wrong-type", '"essential" must be a boolean, not a string')]
    assert validate(TD, MUTATIONS["memory-float"][1]) == [
        E(["containerDefinitions", 0, "memory"], "wrong-type",
          '"memory" must be an integer, not a number; write 512')]
    assert validate(TD, MUTATIONS["cpu-bool"][1]) == [
        E(["containerDefinitions", 0, "cpu"], "wrong-type", '"cpu" must be an integer, not a boolean')]
    assert validate(TD, []) == [E([], "wrong-type", "the task definition must be an object, not an array")]


def test_wrong_type_hides_enum_error_on_same_node():
    doc = mutate(WEB, _set(["networkMode"], 5))
    assert validate(TD, doc) == [E(["networkMode"], "wrong-type", '"networkMode" must be a string, not an integer')]


def test_message_invalid_values():
    assert validate(TD, MUTATIONS["enum"][1]) == [
        E(["networkMode"], "invalid-value",
          '"AWSVPC" is not a valid networkMode; expected one of: awsvpc, bridge, host, none')]
    assert validate(TD, mutate(WEB, _set(["requiresCompatibilities", 0], "fargate"))) == [
        E(["requiresCompatibilities", 0], "invalid-value", '"fargate" is not a valid requiresCompatibilities item; '
          "expected one of: EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES")]
    assert validate(TD, MUTATIONS["tag-key-129"][1]) == [
        E(["tags", 0, "key"], "invalid-value", '"key" must be at most 128 characters long, not 129')]
    assert validate(TD, mutate(WEB, _set(["tags", 0, "key"], ""))) == [
        E(["tags", 0, "key"], "invalid-value", '"key" must be at least 1 character long, not 0')]
    assert validate(TD, MUTATIONS["tags-51"][1]) == [
        E(["tags"], "invalid-value", '"tags" must have at most 50 items, not 51')]
    assert validate(TD, MUTATIONS["no-containers"][1]) == [
        E(["containerDefinitions"], "invalid-value", '"containerDefinitions" must have at least 1 item, not 0')]
    assert validate(TD, MUTATIONS["tag-pattern"][1]) == [
        E(["tags", 0, "key"], "invalid-value",
          '"bad#key" is not a valid key: only letters, digits, spaces and _ . : / = + - @ are allowed')]
    assert validate(CS, MUTATIONS["svc-max"][1]) == [
        E(["capacityProviderStrategy", 0, "weight"], "invalid-value", '"weight" must be at most 1000, not 1001')]
    assert validate(CS, MUTATIONS["svc-union-empty"][1]) == [
        E(["serviceConnectConfiguration", "containerConfigurations", 0], "invalid-value",
          '"containerConfigurations[0]" must set exactly one of: logLevel')]


def test_container_definitions_schema():
    assert validate("container-definitions", fixture(BRIDGE)["containerDefinitions"]) == []
    assert validate("container-definitions", [{"name": "a", "image": "b", "memory": "512"}]) == [
        E([0, "memory"], "wrong-type", '"memory" must be an integer, not a string')]
    assert validate("container-definitions", []) == [
        E([], "invalid-value", "the container definitions must have at least 1 item, not 0")]


def test_sensitive_values_are_never_printed(monkeypatch):
    schema = S.load_schema(TD)
    assert S._is_sensitive(schema, ("containerDefinitions", 0, "environment", 3, "value"))
    assert S._is_sensitive(schema, ("containerDefinitions", 0, "repositoryCredentials", "credentialsParameter"))
    assert not S._is_sensitive(schema, ("containerDefinitions", 0, "image"))
    # No enum/bound/pattern sits under a sensitive node in today's model, so use a small schema.
    fake = {"$defs": {"Secret": {"type": "object", "x-sensitive": True, "additionalProperties": False,
                                 "properties": {"pin": {"$ref": "#/$defs/Pin"},
                                                "word": {"type": "string", "enum": ["a", "b"]},
                                                "code": {"type": "string", "pattern": "^x$"}}},
                      "Pin": {"type": "integer", "maximum": 9}},
            "$ref": "#/$defs/Secret"}
    monkeypatch.setattr(S, "load_schema", lambda name: fake)
    monkeypatch.setattr(S, "_validator", lambda name: S._compile(fake))
    errors = validate(TD, {"pin": 12345, "word": "hunter2", "code": "s3cret"})
    assert errors == [E(["code"], "invalid-value", "the value is not a valid code: it must match the pattern ^x$"),
                      E(["pin"], "invalid-value", '"pin" must be at most 9'),
                      E(["word"], "invalid-value", "the value is not a valid word; expected one of: a, b")]
    assert validate(TD, {"pin": 7.0}) == [E(["pin"], "wrong-type", '"pin" must be an integer, not a number')]


def test_yaml_scalar_types_are_accepted():
    from ruamel.yaml import YAML

    doc = YAML().load("family: web\ncontainerDefinitions:\n- {name: a, image: b, memory: 512.0, cpu: 0x100}\n")
    assert validate(TD, doc) == [E(["containerDefinitions", 0, "memory"], "wrong-type",
                                   '"memory" must be an integer, not a number; write 512')]


def test_errors_are_sorted_and_unique():
    doc = mutate(WEB, _set(["tags"], [{"key": "k" * 129, "value": "v"}] * 2))
    doc["cpu"] = 1
    doc["zzz"] = 1
    errors = validate(TD, doc)
    assert errors == sorted(set(errors), key=lambda e: (e.pointer, e.kind, e.message))
    assert [e.pointer for e in errors] == [("cpu",), ("tags", 0, "key"), ("tags", 1, "key"), ("zzz",)]


def test_unknown_schema_name():
    with pytest.raises(ValueError):
        validate("task-definition", {})


def test_runtime_does_not_import_botocore_and_imports_jsonschema_rs_lazily():
    code = ("import sys, ecslint.schema as s\n"
            "assert 'jsonschema_rs' not in sys.modules\n"
            "assert s.validate('register-task-definition', {'family': 'f', 'containerDefinitions': "
            "[{'name': 'a', 'image': 'b'}]}) == []\n"
            "assert 'botocore' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ---------------------------------------------------------------- differential test against botocore

# Classes where the schema is *expected* to be stricter than botocore's ParamValidator (section 3 of
# the research): it never checks enum, max or pattern; it lets bool pass as int (a Python subclass);
# and it cannot know the hand-written overlays (name/image required, at least one container).
STRICTER = {"enum", "maxLength", "maxItems", "maximum", "pattern"}


def _expected_disagreement(err) -> bool:
    if err.validator in STRICTER:
        return True
    if err.validator == "type" and err.validator_value == "integer" and isinstance(err.instance, bool):
        return True
    path = list(err.schema_path)
    return (err.validator == "minItems" and "containerDefinitions" in path) or \
        (err.validator == "required" and path[-2:-1] == ["ContainerDefinition"])


@pytest.mark.parametrize("name,kind,doc", DOCS, ids=[d[0] for d in DOCS])
def test_differential_against_botocore(name, kind, doc):
    botocore_session = pytest.importorskip("botocore.session")
    jsonschema = pytest.importorskip("jsonschema")
    from botocore.validate import ParamValidator

    op = {TD: "RegisterTaskDefinition", CS: "CreateService", US: "UpdateService"}[kind]
    shape = _ecs_model(botocore_session).operation_model(op).input_shape
    botocore_ok = not ParamValidator().validate(doc, shape).has_errors()
    ours = validate(kind, doc)
    if botocore_ok == (ours == []):
        return
    assert botocore_ok, f"{name}: botocore rejects a document ecslint accepts (schema laxer): {ours}"
    errors = list(jsonschema.Draft202012Validator(S.load_schema(kind)).iter_errors(doc))
    unexpected = [e.message for e in errors if not _expected_disagreement(e)]
    assert errors and not unexpected, f"{name}: undocumented disagreement with botocore: {unexpected}"


_MODEL = []


def _ecs_model(botocore_session):
    if not _MODEL:
        _MODEL.append(botocore_session.get_session().get_service_model("ecs"))
    return _MODEL[0]
