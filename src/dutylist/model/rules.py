"""The rules of the models that are code, not types: their validators, default factory and
methods. Nothing here imports pydantic, so that the frozen validators of `validate`
(`dutylist.model.frozen`) call the very functions the models call, without the models.

Each validator receives the object being built (a model, or a frozen validator's record)
and reads its fields as attributes, which both have."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic_core import PydanticCustomError

from dutylist.i18n import _

NO_BASIS_NEEDED = frozenset({"public-service", "other"})

# Powers are devolved to the township level (乡镇赋权); villages and communities take
# village affairs, not powers, so `scope: all` means every town, township and street.
TOWNSHIP_TYPES = frozenset({"town", "township", "street"})


def devolved_units(scope: object, townships: Sequence[str]) -> list[str]:
    """The unit ids a scope devolves to: `all` is every township-level unit of the
    registry (`townships`, in its order), a list is itself, nothing is none. The one
    place that expands `scope: all` for statistics, audit rules and reports."""
    if scope == "all":
        return list(townships)
    if isinstance(scope, list | tuple):
        return [str(u) for u in scope]
    return []


def township_ids(registry: RegistryRules | None) -> list[str]:
    """The units `scope: all` devolves to; none without a registry."""
    return registry.township_ids() if registry is not None else []


SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_SLUG = re.compile(SLUG_PATTERN)


def slug_problem(text: str) -> bool:
    """Whether `text` is not a Slug (for the columns checked without a model)."""
    return _SLUG.match(text) is None


def empty_list() -> list[Any]:
    """A new list, the default of a list field. pydantic reads the signature of every
    default factory; for the builtin `list` that means tokenizing its text signature,
    about 10 ms of every start-up, where a Python function's is at hand."""
    return []


def no_number(value: Any) -> Any:
    # pydantic would read 0 as 1970-01-01; a date is written as one (or as its text)
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


def basis_required(item: Any) -> Any:
    if not item.basis and item.category not in NO_BASIS_NEEDED:
        raise PydanticCustomError(
            "basis_required",
            _(
                "an item of category {category} needs its legal basis (实施依据): "
                "add `basis:` with at least one entry"
            ),
            {"category": item.category},
        )
    return item


def scope_not_empty(value: Any) -> Any:
    if isinstance(value, list):
        if not value:
            raise PydanticCustomError(
                "scope_empty", _("scope lists no unit: write `all` or the unit ids")
            )
        if len(set(value)) != len(value):
            raise PydanticCustomError("scope_repeat", _("scope names a unit twice"))
    return value


def one_lead(value: Any) -> Any:
    if isinstance(value, list):
        raise PydanticCustomError(
            "lead_not_single",
            _(
                "lead is one department id, not a list (一件事一个部门牵头): "
                "put the others in `cooperating`"
            ),
        )
    return value


def alternative_when_abolished(item: Any) -> Any:
    if item.status == "abolished" and not item.alternative:
        raise PydanticCustomError(
            "alternative_required",
            _(
                "an abolished certificate needs `alternative`: how the fact is verified instead "
                "(部门核查, 告知承诺...)"
            ),
        )
    return item


def kind_rules(file: Any) -> Any:
    kind = file.catalog.kind
    if kind == "duties" and file.catalog.unit is None:
        raise PydanticCustomError(
            "unit_required", _("a duties catalog names its unit: add `unit:` under `catalog:`")
        )
    if kind != "duties" and file.catalog.unit is not None:
        raise PydanticCustomError(
            "unit_not_allowed", _("only a duties catalog has `catalog.unit`: remove it")
        )
    if kind == "guide" and file.catalog.for_ is None:
        raise PydanticCustomError(
            "for_required",
            _("a guide names the kind of list it guides: add `for:` under `catalog:`"),
        )
    if kind != "guide" and file.catalog.for_ is not None:
        raise PydanticCustomError("for_not_allowed", _("only a guide has `catalog.for`: remove it"))
    if kind != "duties" and file.posts:
        raise PydanticCustomError(
            "posts_not_allowed", _("only a duties catalog has a post directory (`posts:`)")
        )
    return file


def repeal_date(law: Any) -> Any:
    if law.status == "repealed" and law.repealed_on is None:
        raise PydanticCustomError(
            "repealed_on_required",
            "a repealed law needs `repealed_on:` (the date it was repealed)",
        )
    return law


class AdmissionRules:
    """The methods of an admission record (准入)."""

    def missing(self) -> list[str]:
        """The admission fields an audit requires but this record lacks."""
        wanted = ("approved_by", "content", "term", "funding")
        return [name for name in wanted if getattr(self, name) in (None, "")]


class RegistryRules:
    """The methods of a jurisdiction.yaml."""

    if TYPE_CHECKING:  # a field of the model (a model would take a class annotation as one)
        units: list[Any]

    def township_ids(self) -> list[str]:
        """The units `scope: all` devolves to, in registry order."""
        return [u.id for u in self.units if u.type in TOWNSHIP_TYPES]


# the methods a frozen validator's record of each model has, as the model has them
METHODS: dict[str, type] = {"Admission": AdmissionRules, "JurisdictionFile": RegistryRules}
