"""Terraform source (.tf, .tf.json) read directly: values, unknowns, positions, modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cli_helpers import run
from helpers import settings_for
from ecslint.engine import lint_text
from ecslint.runner import run as run_paths

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LOGS = '''logConfiguration = {
        logDriver = "awslogs"
        options = { "awslogs-group" = "/ecs/web", "awslogs-region" = "eu-west-1", "awslogs-stream-prefix" = "web" }
      }'''


def _module(tmp_path, files: dict):
    (tmp_path / ".git").mkdir(exist_ok=True)  # the repository root: file() stays inside it
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


def _lint(tmp_path, files, select=(), name="main.tf", **kw):
    _module(tmp_path, files)
    settings = settings_for(select, **kw)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        results, findings, errors = run_paths([name], settings, jobs=1)
    finally:
        os.chdir(old)
    assert not errors
    return results, [(f.path, f.region.line, f.region.column, f.rule, f.pointer, f.message) for f in findings]


TD = '''resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = 1024
  container_definitions = jsonencode([
    {
      name         = "web"
      image        = "nginx:latest"
      essential    = true
      portMappings = [{ containerPort = 8080 }]
    }
  ])
}
'''


def test_jsonencode_finding_lands_on_the_hcl_key(tmp_path):
    _, got = _lint(tmp_path, {"main.tf": TD}, ["ECS401"])
    assert got == [("main.tf", 10, 7, "ECS401", "/aws_ecs_task_definition.web/container_definitions/0/image",
                    'container "web" image "nginx:latest" uses the mutable tag "latest"')]


def test_variable_default_and_number_conversion(tmp_path):
    # cpu = 4096 is stored by Terraform as "4096"; with memory 1024 it is not a Fargate size.
    files = {"main.tf": TD, "variables.tf": 'variable "cpu" {\n  default = 4096\n}\n'}
    _, got = _lint(tmp_path, files, ["ECS201"])
    assert [(g[1], g[3], g[4]) for g in got] == [(6, "ECS201", "/aws_ecs_task_definition.web/memory")]
    assert '"4096"' in got[0][5]


def test_tfvars_override_defaults_in_order(tmp_path):
    files = {"main.tf": TD, "variables.tf": 'variable "cpu" {\n  default = 4096\n}\n',
             "terraform.tfvars": "cpu = 256\n"}
    _, got = _lint(tmp_path, files, ["ECS201"])
    assert got == []  # 256 with 1024 is a Fargate size
    files["b.auto.tfvars"] = "cpu = 2048\n"
    _, got = _lint(tmp_path, files, ["ECS201"])
    assert len(got) == 1 and '"2048"' in got[0][5]
    (tmp_path / "extra.tfvars").write_text("cpu = 512\n")
    settings = settings_for(["ECS201"])
    settings.tf_var_files = (str(tmp_path / "extra.tfvars"),)
    res = lint_text(str(tmp_path / "main.tf"), (tmp_path / "main.tf").read_text(), settings)
    assert res.findings == []  # --tf-var-file wins over both


def test_unknown_variable_is_never_judged(tmp_path):
    # var.cpu has no default: the Fargate size cannot be judged, and nothing is "missing".
    _, got = _lint(tmp_path, {"main.tf": TD}, ["ECS201", "ECS102", "ECS103", "ECS104"])
    assert got == []


def test_references_and_unknown_functions_are_unknown(tmp_path):
    tf = TD.replace('memory                   = 1024', 'memory = aws_ssm_parameter.m.value') \
           .replace('"nginx:latest"', 'upper(var.x)').replace("cpu                      = var.cpu", "cpu = 256")
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS201", "ECS401", "ECS102", "ECS103"])
    assert got == []


def test_partly_unknown_template_is_a_placeholder(tmp_path):
    tf = TD.replace('"nginx:latest"', '"${var.repo}:${var.tag}"')
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS401", "ECS103", "ECS104"])
    assert got == []


def test_known_template_and_locals_are_judged(tmp_path):
    tf = TD.replace('"nginx:latest"', '"${local.repo}:${var.tag}"')
    files = {"main.tf": tf, "locals.tf": 'locals {\n  repo = "nginx"\n}\nvariable "tag" {\n  default = "latest"\n}\n'}
    _, got = _lint(tmp_path, files, ["ECS401"])
    assert [g[4] for g in got] == ["/aws_ecs_task_definition.web/container_definitions/0/image"]
    assert '"nginx:latest"' in got[0][5]


def test_functions_merge_concat_lookup_format(tmp_path):
    tf = '''locals {
  base = { name = "web", essential = true }
  images = { prod = "nginx:latest" }
}
resource "aws_ecs_task_definition" "web" {
  family = format("%s-%d", "web", 1)
  container_definitions = jsonencode(concat([merge(local.base, { image = lookup(local.images, "prod", "x") })], []))
}
'''
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS401", "ECS106"])
    # the value was computed by functions: the pointer names the member, the line is the argument's
    assert [(g[1], g[3], g[4]) for g in got] == [(7, "ECS401", "/aws_ecs_task_definition.web/container_definitions/0/image")]


def test_dynamic_block_is_unknown_not_missing(tmp_path):
    tf = '''resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:1"
  desired_count   = 2
  dynamic "deployment_circuit_breaker" {
    for_each = var.cb
    content {
      enable   = true
      rollback = true
    }
  }
}
'''
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS609"])
    assert got == []
    _, got = _lint(tmp_path, {"main.tf": tf.replace("dynamic", "#").replace('"deployment_circuit_breaker" {', "x = {")
                              .replace("for_each = var.cb", "")}, ["ECS609"])
    assert [g[3] for g in got] == ["ECS609"]  # without it, the service really has no circuit breaker


def test_list_of_known_length_keeps_its_length(tmp_path):
    tf = '''resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:1"
  desired_count   = 2
  network_configuration {
    subnets = [var.a, var.b]
  }
}
'''
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS601"])
    assert got == []  # two subnets: may be two zones
    _, got = _lint(tmp_path, {"main.tf": tf.replace("[var.a, var.b]", '["subnet-1"]')}, ["ECS601"])
    assert [(g[1], g[3]) for g in got] == [(6, "ECS601")]


def test_module_subnets_feed_single_az(tmp_path):
    tf = '''resource "aws_subnet" "a" {
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "b" {
  availability_zone = "eu-west-1a"
}
resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:1"
  desired_count   = 2
  network_configuration {
    subnets = [aws_subnet.a.id, aws_subnet.b.id]
  }
}
'''
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS601"])
    assert [(g[1], g[3]) for g in got] == [(12, "ECS601")]
    assert "eu-west-1a" in got[0][5]
    _, got = _lint(tmp_path, {"main.tf": tf.replace('"eu-west-1a"\n}\nresource "aws_ecs', '"eu-west-1b"\n}\nresource "aws_ecs')},
                   ["ECS601"])
    assert got == []


SERVICE = '''resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = REF
  desired_count   = 2
  launch_type     = "EC2"
}
'''


@pytest.mark.parametrize("ref", ["aws_ecs_task_definition.web.arn", "aws_ecs_task_definition.web.family",
                                 "aws_ecs_task_definition.web.arn_without_revision",
                                 '"${aws_ecs_task_definition.web.family}:${aws_ecs_task_definition.web.revision}"'])
def test_service_pairs_with_the_referenced_resource_in_another_file(tmp_path, ref):
    files = {"td.tf": TD.replace("var.cpu", "256"), "main.tf": SERVICE.replace("REF", ref)}
    _, got = _lint(tmp_path, files, ["ECS631"])
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [("main.tf", 5, "ECS631", "/aws_ecs_service.web/launch_type")]


def test_indexed_reference_is_not_paired(tmp_path):
    files = {"td.tf": TD.replace("var.cpu", "256"),
             "main.tf": SERVICE.replace("REF", "aws_ecs_task_definition.web[0].arn")}
    _, got = _lint(tmp_path, files, ["ECS631"])
    assert got == []


def test_heredoc_positions_and_unquoted_unknown(tmp_path):
    tf = '''resource "aws_ecs_task_definition" "h" {
  family = "h"
  container_definitions = <<-EOF
    [
      {
        "name": "app",
        "memory": ${var.mem},
        "image": "nginx:latest"
      }
    ]
  EOF
}
'''
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS401", "ECS402", "ECS103"])
    assert [(g[1], g[2], g[3]) for g in got] == [(8, 9, "ECS401")]


def test_file_and_templatefile_findings_land_in_that_file(tmp_path):
    tf = '''resource "aws_ecs_task_definition" "f" {
  family = "f"
  container_definitions = file("${path.module}/containers.json")
}
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = templatefile("c.json.tpl", { tag = "latest" })
}
'''
    files = {"main.tf": tf, "containers.json": '[\n  {\n    "name": "c",\n    "image": "busybox:latest"\n  }\n]\n',
             "c.json.tpl": '[\n  {\n    "name": "t",\n    "image": "nginx:${tag}"\n  }\n]\n'}
    _, got = _lint(tmp_path, files, ["ECS401"])
    assert [(g[0], g[1], g[2], g[4]) for g in got] == [
        ("c.json.tpl", 4, 5, "/aws_ecs_task_definition.t/container_definitions/0/image"),
        ("containers.json", 4, 5, "/aws_ecs_task_definition.f/container_definitions/0/image")]


def test_file_outside_the_repository_is_never_read(tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text('[{"name": "x", "image": "nginx:latest"}]')
    repo = tmp_path / "repo"
    repo.mkdir()
    tf = '''resource "aws_ecs_task_definition" "f" {
  family = "f"
  container_definitions = file("../outside.json")
}
'''
    _, got = _lint(repo, {"main.tf": tf}, ["ECS401", "ECS102"])
    assert got == []  # unknown, not read and not "missing"


def test_sensitive_variable_is_linted_but_never_printed(tmp_path):
    tf = TD.replace('portMappings = [{ containerPort = 8080 }]',
                    'environment = [{ name = "DB_PASSWORD", value = var.pw }, { name = "X", value = var.pw }]')
    files = {"main.tf": tf, "v.tf": 'variable "pw" {\n  default = "hunter2-hunter2"\n  sensitive = true\n}\n'}
    _, got = _lint(tmp_path, files, ["ECS301", "ECS302"])
    assert got and all("hunter2" not in g[5] for g in got)


def test_count_and_for_each_are_unknown(tmp_path):
    tf = TD.replace('family                   = "web"', 'count = 2\n  family = "web-${count.index}"')
    _, got = _lint(tmp_path, {"main.tf": tf}, ["ECS106", "ECS102"])
    assert got == []


def test_syntax_error_only_reported_for_ecs_files(tmp_path):
    _, got = _lint(tmp_path, {"main.tf": 'resource "aws_ecs_service" "x" {\n  name = "x"\n'}, ["ECS001"])
    assert [(g[1], g[3], g[5]) for g in got] == [(3, "ECS001", "invalid HCL: expected }")]
    res, got = _lint(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "x" {\n'}, ["ECS001"])
    assert got == [] and res[0].skipped


def test_non_ecs_tf_is_skipped_without_importing_the_parser(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
    code = ("import sys\nfrom ecslint.cli import main\nsys.argv=['ecslint','check','-v',{!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nassert 'tree_sitter' not in sys.modules\n").format(str(tmp_path / "main.tf"))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "without ECS resources" in out.stderr


def test_json_run_does_not_import_the_hcl_parser(tmp_path):
    p = tmp_path / "td.json"
    p.write_text(json.dumps({"family": "f", "containerDefinitions": [{"name": "a", "image": "b:1"}]}))
    code = (f"import sys\nfrom ecslint.cli import main\nsys.argv=['ecslint','check',{str(p)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'tree_sitter' not in sys.modules and 'ecslint.inputs.hcl' not in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_directory_walk_includes_tf_and_skips_dot_terraform(tmp_path):
    _module(tmp_path, {"infra/main.tf": TD, "infra/.terraform/modules/x/main.tf": TD,
                       "infra/x.tf.json": json.dumps({"resource": {"aws_s3_bucket": {"b": {}}}})})
    code, out, err = run(["check", "-v", "--fail-on", "warning", "--select", "ECS401", "infra"], cwd=tmp_path)
    assert code == 1
    assert "infra/main.tf:10:7: warning ECS401" in out
    assert ".terraform" not in out + err
    assert "skipped infra/x.tf.json" in err


def test_tf_json(tmp_path):
    doc = {"variable": {"tag": {"default": "latest"}},
           "resource": {"aws_ecs_task_definition": {"web": {
               "family": "web",
               "container_definitions": "[{\"name\": \"web\", \"image\": \"nginx:${var.tag}\"}]"}},
               "aws_ecs_service": {"web": {"name": "web", "task_definition": "${aws_ecs_task_definition.web.arn}",
                                           "desired_count": 1, "launch_type": "FARGATE",
                                           "network_configuration": {"subnets": ["subnet-1"]}}}}}
    text = json.dumps(doc, indent=2)
    _, got = _lint(tmp_path, {"main.tf.json": text}, ["ECS401", "ECS601"], name="main.tf.json")
    assert [(g[3], g[4]) for g in got] == [
        ("ECS401", "/aws_ecs_task_definition.web/container_definitions/0/image"),
        ("ECS601", "/aws_ecs_service.web/network_configuration/0/subnets")]
    assert got[0][1] == 11  # at the container_definitions string


def test_inline_suppression_in_tf(tmp_path):
    tf = TD.replace('image        = "nginx:latest"',
                    'image        = "nginx:latest" # ecslint: ignore=ECS401 -- pinned by the deploy job')
    _module(tmp_path, {"main.tf": tf})
    code, out, _ = run(["check", "--select", "ECS401", "main.tf"], cwd=tmp_path)
    assert code == 0, out


def test_tf_is_never_parsed_as_yaml(tmp_path):
    _module(tmp_path, {"main.tf": "family: web\ncontainerDefinitions: []\n"})
    code, out, err = run(["check", "-v", "main.tf"], cwd=tmp_path)
    assert code == 0 and "skipped main.tf" in err


@pytest.mark.parametrize("text", ["", "}", 'resource "aws_ecs_service" {', 'resource "aws_ecs_task_definition" "x" {\n'
                                  "  container_definitions = jsonencode([{ name = }])\n}\n",
                                  'resource "aws_ecs_task_definition" "x" { family = "\\u12" }',
                                  'resource "aws_ecs_service" "s" { name = ' + "[" * 500 + "]" * 500 + " }",
                                  'resource "aws_ecs_task_definition" "x" {\n  family = "ü"\n  cpu = 1e3\n}\n'])
def test_bad_hcl_never_crashes(tmp_path, text):
    _lint(tmp_path, {"main.tf": text})


MODULE_CALL = '''module "web" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 7.5"

  name        = "web"
  cluster_arn = module.cluster.arn
  cpu         = 256
  memory      = 4096

  container_definitions = {
    app = {
      image        = "nginx:latest"
      portMappings = [{ containerPort = 8080, protocol = "tcp" }]
    }
  }
  load_balancer = {
    service = {
      target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/1"
      container_name   = "app"
      container_port   = 9090
    }
  }
  subnet_ids = ["subnet-1"]
}
'''


def test_terraform_aws_modules_service_call(tmp_path):
    _, got = _lint(tmp_path, {"main.tf": MODULE_CALL}, ["ECS201", "ECS401", "ECS630", "ECS601"])
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [
        (8, 3, "ECS201", "/module.web/memory"),
        (12, 7, "ECS401", "/module.web/container_definitions/app/image"),
        (20, 7, "ECS630", "/module.web/load_balancer/service/container_port"),
        (23, 3, "ECS601", "/module.web/subnet_ids")]


def test_module_defaults_are_not_findings(tmp_path):
    # The module adds awslogs logging, a read-only root file system, an execution role and a
    # security group: a minimal call is not "missing" any of them; the circuit breaker input
    # it does not show is unknown, not absent.
    tf = MODULE_CALL.replace("cpu         = 256\n", "").replace("memory      = 4096\n", "") \
        .replace("nginx:latest", "nginx:1.27").replace("9090", "8080").replace('["subnet-1"]', '["subnet-1", "subnet-2"]')
    _, got = _lint(tmp_path, {"main.tf": tf})
    assert [g[3] for g in got if g[3] in ("ECS501", "ECS502", "ECS609", "ECS201", "ECS630", "ECS102")] == []


def test_module_before_6_is_skipped_with_a_reason(tmp_path):
    tf = MODULE_CALL.replace("~> 7.5", "~> 5.12")
    res, got = _lint(tmp_path, {"main.tf": tf})
    assert got == [] and "before 6.0" in res[0].skipped
