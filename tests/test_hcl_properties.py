"""Properties of the HCL front end over generated text (hypothesis): whatever the text — HCL
fragments in any order, a valid file with characters deleted or inserted, non-ASCII — linting
it never raises, finishes in bounded time, and every finding lies inside the file."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import settings_for
from robustness import check_regions
from ecslint.engine import lint_text

SETTINGS = settings_for()  # every rule
PATH = "/nonexistent-ecslint-module/main.tf"
PROPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BOUND = 5.0  # seconds for one small file, even on a loaded machine; a real one takes milliseconds

FRAGMENTS = [
    'resource "aws_ecs_task_definition" "t" {', 'resource "aws_ecs_service" "s" {', "}", "{", "[", "]",
    "(", ")", ",", "=", ":", "\n", " ", "family", "cpu", "memory", "container_definitions", "jsonencode(",
    "file(", "templatefile(", "merge(", "concat(", "lookup(", "format(", "tonumber(", "tostring(",
    '"%s-%d"', '"x"', '"${var.x}"', '"${local.y}"', "var.x", "local.y", "aws_subnet.a.id",
    "aws_ecs_task_definition.t.arn", "task_definition", "network_configuration", "subnets", "volume",
    "dynamic", '"volume"', "content", "for_each", "count", "count.index", "each.value", "<<EOF\n",
    "<<-EOF\n", "EOF\n", '[{"name": "a", "image": "b"}]', "name", "image", '"nginx:latest"', "512", "-1",
    "1.5", "true", "false", "null", "# ecslint: ignore=ECS401\n", "// c\n", "/* c */", "variable \"x\" {",
    "default", "locals {", "sensitive", "${", "%{ if x }", "%{ endif }", "\\", '"', "...", "?", "!", "ü",
    "[for s in x : s]", "x.*.id", "x[0]", "provider::aws::f(1)",
]

VALID = '''variable "cpu" {
  default = 256
}
locals {
  image = "nginx"
}
resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = 512
  container_definitions = jsonencode([
    {
      name         = "web"
      image        = "${local.image}:latest"
      portMappings = [{ containerPort = 8080 }]
    }
  ])
  volume {
    name = "data"
  }
}
resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = aws_ecs_task_definition.web.arn
  desired_count   = 1
  network_configuration {
    subnets = [aws_subnet.a.id]
  }
}
'''


def _lint(text):
    start = time.perf_counter()
    result = lint_text(PATH, text, SETTINGS)
    assert time.perf_counter() - start < BOUND
    check_regions(result, text)
    return result


@PROPS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_fragments_never_crash(parts):
    _lint(" ".join(parts))


@PROPS
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.text(max_size=3)), max_size=6))
def test_edited_valid_file_never_crashes(edits):
    text = VALID
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    _lint(text)


def test_valid_file_is_linted():
    result = _lint(VALID)
    assert result.documents == 2
    assert "ECS401" in {f.rule for f in result.findings}  # "${local.image}:latest" is known


def test_lone_carriage_return_keeps_regions_on_their_lines():
    # Found by test_edited_valid_file_never_crashes: tree-sitter's byte offsets are placed with
    # the shared line index, which counted only LF, so a lone CR (a line end for editors and
    # for check_regions) put every later finding one line early and past its line's end.
    for at in (0, VALID.index("locals")):
        text = VALID[:at] + "\r" + VALID[at:]
        result = _lint(text)
        image = next(f for f in result.findings if f.rule == "ECS401")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert lines[image.region.line - 1].strip().startswith("image"), image
