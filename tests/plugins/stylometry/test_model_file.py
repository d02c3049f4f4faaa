"""model.json ships its float lists packed (base64 of little-endian doubles): the same
content as the plain-JSON file it replaced, read to the same floats bit for bit."""

from __future__ import annotations

import hashlib
import json
import math
import struct
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st_h

from wirelint_builtins import stylometry as st
from wirelint_builtins.stylometry._model import NgramModels, _floats, pack, pack_floats, unpack

MODEL = Path(st.__file__).with_name("model.json")
#: sha256 of model.json as it shipped before packing (plain JSON float lists): the
#: content below must rebuild that file byte for byte.
PLAIN_SHA256 = "8f56e53de98ef680c83aa6a5e6061937b46ff42a51f9abc30e02534061ac3b0a"


def _dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _bits(values: list[float]) -> bytes:
    return struct.pack(f"<{len(values)}d", *values)


def _plain_text() -> str:
    """The plain-JSON form of the shipped file, as ``fit_stylometry.py`` wrote it."""
    return _dumps(unpack(json.loads(MODEL.read_text("utf-8")))) + "\n"


def test_the_packed_file_holds_the_plain_file_and_its_version():
    text = _plain_text()
    assert hashlib.sha256(text.encode()).hexdigest() == PLAIN_SHA256
    plain = json.loads(text)
    version = plain.pop("version")
    plain.pop("min_words")
    assert version == st.VERSION == "st7-" + hashlib.sha256(_dumps(plain).encode()).hexdigest()[:12]


def test_loaded_models_equal_a_json_parse_of_the_plain_file_bit_for_bit():
    old = NgramModels.from_dict(json.loads(_plain_text()))
    new = st.MODELS
    assert new.codes == old.codes and new.constants == old.constants
    assert new.index == old.index
    assert (new.dense_names, new.dense_mean, new.dense_limit) == (
        old.dense_names, old.dense_mean, old.dense_limit)
    for view in old.idf:
        assert type(new.idf[view]) is list and _bits(new.idf[view]) == _bits(old.idf[view])
        for code in old.codes:
            assert type(new.weights[code][view]) is list
            assert _bits(new.weights[code][view]) == _bits(old.weights[code][view])


def test_the_shipped_file_is_packed():
    data = json.loads(MODEL.read_text("utf-8"))
    for one in data["vocabulary"].values():
        assert isinstance(one["idf"], str)
        assert all(isinstance(w, str) for w in one["weights"].values())
    assert pack(unpack(data)) == data


@given(st_h.lists(st_h.floats(allow_nan=True, allow_infinity=True)))
def test_packing_keeps_every_bit(values):
    out = _floats(pack_floats(values))
    assert all(type(x) is float for x in out)
    assert _bits(out) == _bits(values)
    assert [math.copysign(1, x) for x in out] == [math.copysign(1, x) for x in values]


def test_plain_lists_still_load():
    assert _floats([1, 2.5, -0.0]) == [1.0, 2.5, -0.0]
    assert _floats([]) == [] and _floats(pack_floats([])) == []
