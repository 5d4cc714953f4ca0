"""The readers read data, never code, and refuse what could mislead or exhaust them."""

from __future__ import annotations

import pytest

from peer_schema.readers import Limits, ReadError, read_document


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_yaml_keeps_country_codes_and_dates_as_text(tmp_path):
    data = read_document(write(tmp_path, "a.yaml", "country: NO\ncreated: 2026-11-02\nflag: true\non: off\n"))
    assert data == {"country": "NO", "created": "2026-11-02", "flag": True, "on": "off"}


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("alias.yaml", "a: &x [1]\nb: *x\n", "read.yaml-alias"),
        ("tag.yaml", "a: !!python/object:os.system 'ls'\n", "read.yaml-tag"),
        ("dup.yaml", "a: 1\na: 2\n", "read.duplicate-key"),
        ("dup.json", '{"a": 1, "a": 2}', "read.duplicate-key"),
        ("nan.json", '{"a": NaN}', "read.not-a-number"),
        ("nan.yaml", "a: .nan\n", "read.not-a-number"),
        ("empty.yaml", "", "read.empty"),
        ("blank.json", "  \n", "read.empty"),
        ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00", "read.encoding"),
        ("nul.yaml", "a: 1\x00", "read.binary"),
        ("latin1.yaml", b"name: Norv\xe8ge\n", "read.encoding"),
        ("truncated.json", '{"a": [1, 2', "read.syntax"),
        ("truncated.yaml", "a: [1, 2\n", "read.syntax"),
        ("deep.json", "[" * 100 + "]" * 100, "read.too-deep"),
        ("deep.yaml", "a: " + "[" * 100 + "]" * 100 + "\n", "read.too-deep"),
        ("data.csv", "a,b\n", "read.unsupported-format"),
    ],
)
def test_bad_input_is_refused_with_a_code(tmp_path, name, content, code):
    with pytest.raises(ReadError) as info:
        read_document(write(tmp_path, name, content))
    assert info.value.code == code
    assert info.value.message


def test_byte_order_mark_is_accepted(tmp_path):
    assert read_document(write(tmp_path, "bom.json", b'\xef\xbb\xbf{"a": 1}')) == {"a": 1}


def test_size_limit_is_configurable(tmp_path):
    path = write(tmp_path, "big.json", '{"a": "' + "x" * 100 + '"}')
    with pytest.raises(ReadError) as info:
        read_document(path, Limits(max_bytes=50))
    assert info.value.code == "read.too-large"


def test_syntax_errors_carry_line_and_column(tmp_path):
    with pytest.raises(ReadError) as info:
        read_document(write(tmp_path, "bad.yaml", "a: 1\nb: [\n  c: d\n"))
    assert info.value.line is not None
