"""Property: apply random known mutations to a generated catalog, diff, and get exactly
those mutations back (the oracle is the list of mutations applied)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.diff import diff_catalogs
from dutylist.model.catalog import file_model

UNITS = ["gasa", "menghan", "menglong", "mengyang"]
DEPARTMENTS = ["transport", "forestry", "water"]
MUTATIONS = [
    "none",
    "revoke",
    "rename",
    "differentiate",
    "unify",
    "rescope",
    "transfer",
    "reclassify",
    "recode",
    "amend",
    "merge",
    "split",
    "rename+differentiate",
]
Expected = set[tuple[tuple[str, ...], str | None, tuple[str, ...]]]


def _catalog(items: list[dict[str, Any]]) -> Any:
    doc = {
        "dutylist": 1,
        "catalog": {"kind": "empowerment", "title": "t", "version": "1"},
        "items": items,
    }
    return file_model("empowerment").model_validate(doc)


def _item(n: int, scope: Any, department: str) -> dict[str, Any]:
    return {
        "id": f"I-{n}",
        "name": f"第{n}号事项的行政处罚",
        "category": "penalty",
        "department": department,
        "basis": ["《某法》第一条"],
        "scope": scope,
    }


def _mutate(
    old: list[dict[str, Any]], plan: list[str], added: int
) -> tuple[list[dict[str, Any]], Expected]:
    new: list[dict[str, Any]] = []
    expected: Expected = set()
    fresh = iter(range(1000, 2000))
    pending_merge: dict[str, Any] | None = None
    for item, mutation in zip(old, plan, strict=True):
        oid = item["id"]
        changed = dict(item)
        if mutation == "merge":
            if pending_merge is None:
                pending_merge = item
                continue
            n = next(fresh)
            new.append(
                {**_item(n, "all", item["department"]), "replaces": [pending_merge["id"], oid]}
            )
            expected.add((("merged",), f"I-{n}", (pending_merge["id"], oid)))
            pending_merge = None
            continue
        if mutation == "revoke":
            expected.add((("revoked",), None, (oid,)))
            continue
        if mutation == "split":
            a, b = next(fresh), next(fresh)
            for n in (a, b):
                new.append({**_item(n, "all", item["department"]), "replaces": [oid]})
                expected.add((("split",), f"I-{n}", (oid,)))
            continue
        classes: list[str] = []
        if mutation in ("rename", "rename+differentiate"):
            changed["name"] = f"改名后的第{oid}号事项"
            classes.append("renamed")
        if mutation in ("differentiate", "rename+differentiate"):
            changed["scope"] = ["gasa"] if item["scope"] == "all" else "all"
            classes.append("differentiated" if item["scope"] == "all" else "unified")
        if mutation == "unify":
            changed["scope"] = "all" if item["scope"] != "all" else ["menghan", "gasa"]
            classes.append("unified" if item["scope"] != "all" else "differentiated")
        if mutation == "rescope":
            if item["scope"] == "all":
                changed["scope"] = ["menglong"]
                classes.append("differentiated")
            else:
                changed["scope"] = [u for u in UNITS if u not in item["scope"]] or [
                    "gasa",
                    "menghan",
                ]
                if set(changed["scope"]) != set(item["scope"]):
                    classes.append("rescoped")
        if mutation == "transfer":
            changed["department"] = "health"
            classes.append("transferred")
        if mutation == "reclassify":
            changed["category"] = "inspection"
            classes.append("reclassified")
        if mutation == "amend":
            changed["basis"] = [*item["basis"], "《某条例》第二条"]
            classes.append("amended")
        if mutation == "recode":
            changed["id"] = f"R-{oid}"
            classes.append("recoded")
        new.append(changed)
        if classes:
            from dutylist.diff import CLASSES

            ordered = tuple(c for c in CLASSES if c in classes)
            expected.add((ordered, changed["id"], (oid,)))
    if pending_merge is not None:  # an odd merge: the last one is revoked instead
        expected.add((("revoked",), None, (pending_merge["id"],)))
    for _ in range(added):
        n = next(fresh)
        new.append(_item(n, "all", "water"))
        expected.add((("added",), f"I-{n}", ()))
    return new, expected


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[str], int]:
    size = draw(st.integers(min_value=1, max_value=14))
    old = []
    for n in range(size):
        scope = draw(
            st.one_of(
                st.just("all"),
                st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True),
            )
        )
        old.append(_item(n, scope, draw(st.sampled_from(DEPARTMENTS))))
    plan = draw(st.lists(st.sampled_from(MUTATIONS), min_size=size, max_size=size))
    return old, plan, draw(st.integers(min_value=0, max_value=3))


@settings(max_examples=50, deadline=None)
@given(scenarios())
def test_mutations_come_back(scenario: tuple[list[dict[str, Any]], list[str], int]) -> None:
    old, plan, added = scenario
    new, expected = _mutate(old, plan, added)
    result = diff_catalogs(_catalog(old), _catalog(new))
    got = {(tuple(c.classes), c.id, tuple(c.old_ids)) for c in result.changes}
    assert got == expected
    touched = {old_id for _, _, old_ids in expected for old_id in old_ids}
    assert result.summary.get("unchanged", 0) == len(old) - len(touched)
