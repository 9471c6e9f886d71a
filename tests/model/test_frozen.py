"""The frozen validators of `validate` (dutylist.model.frozen) against the models they were
frozen from: the same file, the same findings, the same values, and the models' methods."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, model_validator

from dutylist.catalog.load import (
    Document,
    _model,
    as_records,
    document_kind,
    parse_catalog,
    parse_laws,
    parse_registry,
    read_document,
)
from dutylist.findings import Finding
from dutylist.io.yamlload import load_yaml
from dutylist.model import freeze, frozen
from dutylist.model.catalog import KINDS
from dutylist.model.common import Strict

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p.relative_to(ROOT)
    for folder in ("tests/fixtures", "catalogs", "examples")
    for p in (ROOT / folder).rglob("*.yaml")
)
NAMES = (*KINDS, "jurisdiction", "laws")


def test_the_frozen_file_is_the_models_frozen_now() -> None:
    stored = json.loads(freeze.FROZEN.read_text(encoding="utf-8"))
    if stored["pydantic_core"] != pydantic_core.__version__:
        # another pydantic: the file is not used, the models validate (see the next test)
        assert all(frozen.validator(name) is None for name in NAMES)
        return
    assert stored == freeze.schemas(), "run `python -m dutylist.model.freeze`"
    assert freeze.FROZEN.read_text(encoding="utf-8") == freeze.render(stored)


def test_another_pydantic_core_falls_back_to_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = json.loads(freeze.FROZEN.read_text(encoding="utf-8"))
    other["pydantic_core"] = "0.0.1"
    for broken in (json.dumps(other), "{not json", ""):
        (tmp_path / "frozen.json").write_text(broken, encoding="utf-8")
        _fresh(monkeypatch, tmp_path / "frozen.json")
        assert frozen.validator("empowerment") is None
        doc = read_document(ROOT / "catalogs/jinghong/empowerment.yaml")
        assert not isinstance(doc, Finding)
        with as_records():
            loaded, _findings = parse_catalog(doc)
        assert loaded is not None
        assert isinstance(loaded.model, BaseModel)  # validated by the model instead


def test_a_schema_unlike_this_pydantic_cores_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = json.loads(freeze.FROZEN.read_text(encoding="utf-8"))
    other["schemas"]["empowerment"]["type"] = "no-such-schema"
    (tmp_path / "frozen.json").write_text(json.dumps(other), encoding="utf-8")
    _fresh(monkeypatch, tmp_path / "frozen.json")
    assert frozen.validator("empowerment") is None
    assert frozen.validator("jurisdiction") is not None


def _fresh(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(frozen, "FROZEN", path)
    frozen._schemas.cache_clear()
    frozen.validator.cache_clear()


@pytest.fixture(autouse=True)
def _caches_undone() -> Iterator[None]:
    yield
    frozen._schemas.cache_clear()
    frozen.validator.cache_clear()


def test_a_validator_outside_the_rules_cannot_be_frozen() -> None:
    class Odd(Strict):
        a: int

        @model_validator(mode="after")
        def _check(self) -> Odd:
            return self

    Odd.model_rebuild()
    with pytest.raises(freeze.FreezeError, match=r"dutylist\.model\.rules"):
        freeze._named(Odd.__pydantic_core_schema__, {})


def _tree(value: Any) -> Any:
    """A validated value as plain data, with the name of each model or record."""
    if isinstance(value, list):
        return [_tree(v) for v in value]
    fields = getattr(value, "__dict__", None)
    if fields is None or isinstance(value, type):
        return value
    return {"__class__": type(value).__name__, **{k: _tree(v) for k, v in fields.items()}}


def _parsed(path: Path, *, records: bool) -> tuple[Any, list[tuple[Any, ...]]] | None:
    doc = read_document(path, str(path))
    if isinstance(doc, Finding):
        return None
    kind = document_kind(doc)
    parsers: dict[str, Callable[[Document], tuple[Any, list[Finding]]]] = {
        "jurisdiction": parse_registry,
        "laws": parse_laws,
    }
    parse = parsers.get(kind or "", parse_catalog)
    if records:
        with as_records():
            loaded, findings = parse(doc)
    else:
        loaded, findings = parse(doc)
    model = None if loaded is None else loaded.model
    return _tree(model), [(f.check.code, f.message, f.line, f.column, f.path) for f in findings]


@pytest.mark.parametrize("path", FILES, ids=str)
def test_every_shipped_and_test_file_validates_alike(path: Path) -> None:
    assert _parsed(ROOT / path, records=True) == _parsed(ROOT / path, records=False)


def test_the_files_compared_include_invalid_ones() -> None:
    outcomes = [_parsed(ROOT / p, records=True) for p in FILES]
    assert sum(1 for o in outcomes if o is not None and o[1]) >= 15
    assert sum(1 for o in outcomes if o is not None and o[0] is not None) >= 190


def test_records_have_the_methods_of_their_models() -> None:
    for name in NAMES:
        validator = frozen.validator(name)
        assert validator is not None
        for cls in _model_classes(_model(name)):
            methods = {
                m
                for m in dir(cls)
                if not m.startswith("_") and callable(getattr(cls, m)) and not hasattr(BaseModel, m)
            }
            record = _record_class(name, cls.__name__)
            assert methods <= set(dir(record)), (cls.__name__, methods - set(dir(record)))


def _model_classes(model: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "cls" and isinstance(value, type):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(model.__pydantic_core_schema__)
    return found


def _record_class(name: str, model_name: str) -> type:
    held = frozen._held(frozen._schemas()[name], {})  # type: ignore[index]
    classes: dict[str, type] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "cls":
                    classes[value.__name__] = value
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(held)
    return classes[model_name]


def test_a_record_method_answers_as_the_models_does() -> None:
    path = ROOT / "catalogs/jinghong/jurisdiction.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    record = frozen.validator("jurisdiction").validate_python(data)  # type: ignore[union-attr]
    model = _model("jurisdiction").model_validate(data)
    assert record.township_ids() == model.township_ids()
    assert len(record.township_ids()) >= 10


# Mutations of valid files: a value replaced, a key removed or added, anywhere in the file.
# Whatever the mutation, the frozen validator and the model must agree on every error or on
# every value. The model is the oracle.
BASES = [
    ROOT / "tests/fixtures/catalogs/valid/minimal/empowerment.yaml",
    ROOT / "tests/fixtures/catalogs/valid/grid-territorial/territorial.yaml",
    ROOT / "tests/fixtures/catalogs/valid/duties-posts/duties/gasa.yaml",
    ROOT / "tests/fixtures/catalogs/valid/grid-territorial/certificates.yaml",
    ROOT / "catalogs/jinghong/jurisdiction.yaml",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, width=16),
    st.sampled_from(["", "all", "2024-01-01", "penalty", "basic", "x", "abolished", "town"]),
    st.text(max_size=4),
    st.lists(st.sampled_from(["a", "", "jiangbei", "a"]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "x"]), st.text(max_size=2), max_size=2),
    st.dates(),
)


def _places(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _places(value, (*at, i))
    return out


def _mutated(data: Any, place: tuple[Any, ...], how: str, value: Any) -> Any:
    if not place:
        return value if how == "replace" else data
    head, rest = place[0], place[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if not rest and how == "remove":
            copy.pop(head, None)
        elif not rest and how == "add":
            copy[f"{head}_"] = value
        else:
            copy[head] = _mutated(data[head], rest, how, value)
        return copy
    copy_list = list(data)
    if not rest and how == "remove":
        del copy_list[head]
    else:
        copy_list[head] = _mutated(data[head], rest, how, value)
    return copy_list


def _outcome(validate: Any, data: Any) -> Any:
    try:
        return "valid", _tree(validate(data))
    except pydantic_core.ValidationError as exc:
        return "invalid", exc.errors(include_url=False)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(BASES),
    pick=st.integers(0, 10_000),
    how=st.sampled_from(["replace", "replace", "replace", "remove", "add"]),
    value=VALUES,
)
def test_a_mutated_file_validates_alike(base: Path, pick: int, how: str, value: Any) -> None:
    data = load_yaml(base.read_text(encoding="utf-8"))
    name = data["catalog"]["kind"] if "catalog" in data else "jurisdiction"
    places = _places(data)
    data = _mutated(data, places[pick % len(places)], how, value)
    validator = frozen.validator(name)
    assert validator is not None
    model = _model(name)
    assert _outcome(validator.validate_python, data) == _outcome(model.model_validate, data)


@pytest.mark.parametrize("records", [True, False])
def test_a_number_is_no_date_in_laws_yaml_either(tmp_path: Path, records: bool) -> None:
    path = tmp_path / "laws.yaml"
    text = "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law, revised: 0}\n"
    path.write_text(text, encoding="utf-8")
    parsed = _parsed(path, records=records)
    assert parsed is not None
    _tree, findings = parsed
    assert [f[0] for f in findings] == ["DL100"]
    assert "day of the calendar" in findings[0][1] or "date" in findings[0][1]
