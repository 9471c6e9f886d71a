"""Every check of `dutylist validate`: stable code, kebab-case name, summary.

Codes never change meaning; a retired check keeps its code unused.
"""

from __future__ import annotations

from dutylist.findings import Check

_ALL = (
    # reading the file
    Check("DL001", "yaml-syntax", "the file is not well-formed YAML"),
    Check("DL002", "duplicate-key", "a mapping repeats a key (the first value would be lost)"),
    Check("DL003", "disallowed-tag", "a tag outside the YAML core schema (!!python/..., custom)"),
    Check("DL004", "alias-expansion", "aliases expand far beyond the document ('billion laughs')"),
    Check("DL005", "not-utf8", "the file is not UTF-8 (GBK from an old export?)"),
    Check("DL006", "empty-file", "the file holds no document"),
    Check("DL007", "not-a-mapping", "the document root is not a mapping"),
    Check("DL008", "nesting-too-deep", "nesting far deeper than any catalog needs"),
    Check("DL009", "binary-file", "a binary file where a text file belongs"),
    Check("DL010", "format-version", "the file needs a newer dutylist, or lacks `dutylist: 1`"),
    Check("DL011", "unreadable-file", "the file cannot be read"),
    Check(
        "DL012", "missing-registry", "no jurisdiction.yaml for the catalog to be checked against"
    ),
    Check(
        "DL013",
        "unknown-document",
        "neither a catalog (`catalog:`) nor a registry (`jurisdiction:`)",
    ),
    # the schema
    Check("DL100", "invalid-value", "a value of the wrong type or form"),
    Check("DL101", "missing-field", "a required field is absent"),
    Check("DL102", "unknown-field", "a field the format does not have (or not for this kind)"),
    Check("DL103", "invalid-choice", "a value outside the allowed words"),
    # against the registry and within the file
    Check("DL104", "unknown-department", "a department id not in jurisdiction.yaml"),
    Check("DL105", "unknown-unit", "a unit id not in jurisdiction.yaml"),
    Check("DL106", "unknown-parent", "a unit's parent is not a unit of the registry"),
    Check("DL107", "duplicate-id", "an id used twice in one file"),
    Check("DL108", "duplicate-name", "two items with the same normalised name in one file"),
    Check("DL109", "bad-division-code", "a division code of the wrong form"),
    Check("DL110", "bad-uscc", "a 统一社会信用代码 with a bad form or check digit"),
    Check(
        "DL111",
        "code-outside-jurisdiction",
        "a unit code that does not start with the jurisdiction code",
    ),
    Check("DL112", "unknown-post", "a duties item names a post not in the file's post directory"),
    Check("DL113", "unknown-grid-source", "a grid item's source is not a territorial item"),
    Check("DL114", "missing-basis", "an item of a power category without its legal basis"),
    Check("DL116", "lead-not-single", "a territorial item with a list of lead departments"),
    Check("DL117", "duties-unit", "a duties catalog without its unit, or `unit` on another kind"),
    Check("DL118", "missing-alternative", "an abolished certificate without its alternative"),
    Check("DL119", "duplicate-kind", "two catalogs of one kind (or of one unit) in a jurisdiction"),
    Check("DL120", "bad-parent", "a unit's parent is not a town, township or street"),
    # assessment data
    Check("DL201", "assessment-columns", "an assessment table lacks a required column"),
    Check("DL202", "assessment-unknown-item", "an assessment row names no empowerment item"),
    Check("DL203", "assessment-unknown-unit", "an assessment row names no unit of the registry"),
    Check("DL204", "assessment-cases", "cases is not a whole number >= 0"),
    Check("DL205", "assessment-capacity", "capacity is not adequate/limited/none (足/有限/无)"),
    Check("DL206", "assessment-willingness", "willingness is not strong/moderate/weak (强/中/弱)"),
    Check("DL207", "assessment-duplicate", "two rows for the same item, unit and period"),
    Check("DL208", "assessment-unreadable", "the assessment file cannot be read"),
)

CHECKS: dict[str, Check] = {check.name: check for check in _ALL}


def check(name: str) -> Check:
    return CHECKS[name]


def all_checks() -> tuple[Check, ...]:
    return _ALL
