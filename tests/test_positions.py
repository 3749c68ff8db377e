"""Findings land on the user's own line and column, whatever the encoding and layout."""

from __future__ import annotations

import codecs
import json

import pytest

from helpers import settings_for
from ecslint.engine import lint_text
from ecslint.model import Region
from ecslint.source import decode, parse

TD_JSON = '''{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:latest"
    }
  ]
}
'''
TD_YAML = '''# a comment
family: web
containerDefinitions:
  - name: app
    image: nginx:latest
'''


def image_finding(text, fmt):
    res = lint_text(f"t.{fmt}", text, settings_for(["ECS401"]), fmt)
    [f] = res.findings
    assert f.pointer == "/containerDefinitions/0/image"
    return f.region


def test_json_member_region_spans_key_and_value():
    assert image_finding(TD_JSON, "json") == Region(6, 7, 6, 30)


def test_yaml_member_region():
    assert image_finding(TD_YAML, "yaml") == Region(5, 5, 5, 24)


def test_crlf_does_not_shift_lines_or_columns():
    assert image_finding(TD_JSON.replace("\n", "\r\n"), "json") == Region(6, 7, 6, 30)
    assert image_finding(TD_YAML.replace("\n", "\r\n"), "yaml") == Region(5, 5, 5, 24)


def test_tabs_count_as_one_column_in_json():
    text = TD_JSON.replace("      \"image\"", "\t\t\"image\"")
    assert image_finding(text, "json") == Region(6, 3, 6, 26)


def test_minified_json_columns():
    text = json.dumps(json.loads(TD_JSON), separators=(",", ":"))
    r = image_finding(text, "json")
    assert (r.line, r.column) == (1, text.index('"image"') + 1)


@pytest.mark.parametrize("bom,encoding", [
    (b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_encodings_decode_to_the_same_positions(bom, encoding):
    text = decode(bom + TD_JSON.encode(encoding))
    assert image_finding(text, "json") == Region(6, 7, 6, 30)


def test_unicode_escapes_and_non_ascii_keep_code_point_columns():
    text = TD_JSON.replace('"name": "app"', '"name": "\\u00e9t\u00e9"')
    assert image_finding(text, "json") == Region(6, 7, 6, 30)


def test_multi_document_yaml_places_each_document():
    text = TD_YAML + "---\nfamily: api\ncontainerDefinitions:\n  - {name: api, image: 'x:latest'}\n"
    res = lint_text("t.yaml", text, settings_for(["ECS401"]), "yaml")
    assert [(f.region.line, f.region.column) for f in res.findings] == [(5, 5), (9, 17)]


def test_invalid_json_is_reported_at_the_error():
    src = parse("t.json", '{\n  "family": "web",\n  "cpu": 256,,\n}', "json")
    assert src.error.region == Region(3, 14, 3, 15)
    assert src.error.message == "invalid JSON: expected a key in double quotes (a trailing comma, a comment or a single-quoted key?)"


def test_invalid_utf8_is_a_parse_error_with_offset():
    with pytest.raises(Exception) as exc:
        decode(b'{"family": "w\xffb"}')
    assert "not valid UTF-8 (byte 0xff at offset 13)" in str(exc.value)
    assert exc.value.region == Region(1, 14, 1, 14)  # the decoded prefix ends there: a zero-width point


def test_missing_field_finding_points_at_the_parent():
    text = '{\n  "family": "web",\n  "containerDefinitions": [\n    {"name": "app", "image": "x:1"}\n  ]\n}'
    res = lint_text("t.json", text, settings_for(["ECS501"]), "json")
    [f] = res.findings
    assert (f.pointer, f.region) == ("/containerDefinitions/0", Region(4, 5, 4, 36))
