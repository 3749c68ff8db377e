"""Helpers added for the hygiene, Fargate and resource rules."""

from ecslint.ecs.fargate import parse_platform_version
from ecslint.ecs.names import name_problem
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.ecs.views import asks_for, shown_setting, whole_number


def test_name_problem():
    assert name_problem("web_app-2") is None
    assert name_problem("") == "is empty"
    assert name_problem("a" * 255) is None
    assert name_problem("a" * 256) == "is 256 characters long; the limit is 255"
    assert name_problem("a:b") == 'contains ":"; only letters, digits, "_" and "-" are allowed'
    assert name_problem("${NAME}.x") is None and name_problem(UNKNOWN) is None and name_problem(3) is None


def test_parse_platform_version():
    assert parse_platform_version("1.4.0") == (1, 4, 0)
    assert parse_platform_version("1.3.0") < parse_platform_version("1.4.0")
    assert parse_platform_version("LATEST") is None
    assert parse_platform_version("${PV}") is None and parse_platform_version(1.4) is None


def test_view_helpers():
    assert whole_number(5) == 5 and whole_number(5.0) == 5
    assert whole_number(True) is None and whole_number("5") is None and whole_number(UNKNOWN) is None
    assert [asks_for(v) for v in (None, False, [], {}, "${X}", True, [1], "host")] == [False] * 5 + [True] * 3
    assert shown_setting("privileged", True) == '"privileged": true'
    assert shown_setting("links", ["db"]) == '"links"'
