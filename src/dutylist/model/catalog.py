"""Catalog files: one model of items per kind (spec section 3).

Each kind accepts only its own fields, so `scope` on a territorial item is an
unknown field, reported as such, not silently carried.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Generic, Literal, TypeVar

from pydantic import Field, field_validator, model_validator

from dutylist.model import constants, rules
from dutylist.model.common import (
    Category,
    CertStatus,
    Date,
    DateOrText,
    GuidedKind,
    Handling,
    ItemId,
    Kind,
    Method,
    Role,
    Slug,
    Strict,
    Technical,
    Text,
    VersionText,
)
from dutylist.model.rules import empty_list

NO_BASIS_NEEDED = rules.NO_BASIS_NEEDED


class Support(Strict):
    """放得下、接得住、管得好: what the department provides with the power."""

    training: Date | None = Field(None, description="date of the last 业务培训")
    funding: bool | None = Field(None, description="经费保障 (权随责走、费随事转)")
    guidance: Text | None = None


class Admission(Strict, rules.AdmissionRules):
    """准入: the approval a new item needs."""

    approved_by: Text | None = None
    approved_on: Date | None = None
    content: Text | None = Field(None, description="协助内容")
    term: DateOrText | None = Field(None, description="期限")
    funding: Text | None = Field(None, description="经费保障措施")


class Item(Strict):
    """Fields every kind shares."""

    id: ItemId
    name: Text
    category: Category
    department: Slug
    basis: list[Text] = Field(default_factory=empty_list, description="实施依据")
    technical: Technical | None = None
    support: Support | None = None
    admission: Admission | None = None
    replaces: list[ItemId] = Field(default_factory=empty_list)
    guide: ItemId | list[ItemId] | None = Field(
        None, description="the guide item(s) it adopts (指导目录, section 13)"
    )
    tags: list[Text] = Field(default_factory=empty_list)
    notes: str | None = None

    _basis_required = model_validator(mode="after")(rules.basis_required)


class EmpowermentItem(Item):
    scope: Literal["all"] | list[Slug] = Field(
        description="`all` (统一赋权) or the unit ids it is devolved to (差异化赋权)"
    )
    method: Method | None = None

    _scope_not_empty = field_validator("scope")(rules.scope_not_empty)


class TerritorialItem(Item):
    lead: Slug = Field(description="exactly one lead department (一件事一个部门牵头)")
    cooperating: list[Slug] = Field(default_factory=empty_list)
    grid: bool = False

    _one_lead = field_validator("lead", mode="before")(rules.one_lead)


class GridItem(Item):
    source: ItemId = Field(description="the territorial item it comes from (两单联动)")


class DutiesItem(Item):
    role: Role
    post: Slug | None = None


class VillageAffairsItem(Item):
    handling: Handling


class CertificateItem(Item):
    status: CertStatus
    alternative: Text | None = None

    _alternative_when_abolished = model_validator(mode="after")(rules.alternative_when_abolished)


class GuideItem(Item):
    """An item of a 指导目录 that lower levels choose from."""

    group: Text | None = Field(None, description="the guide's 类 (13类37项)")


class Post(Strict):
    """A post of a unit's post directory (岗位目录)."""

    id: Slug
    name: Text
    new: bool = False


class CatalogHeader(Strict):
    kind: Kind
    title: Text
    version: VersionText
    effective: Date | None = None
    unit: Slug | None = None
    for_: GuidedKind | None = Field(None, alias="for", description="guide: the kind it guides")


ItemT = TypeVar("ItemT", bound=Item)


class CatalogFile(Strict, Generic[ItemT]):
    dutylist: Literal[1]
    catalog: CatalogHeader
    items: list[ItemT] = Field(default_factory=empty_list)
    posts: list[Post] = Field(default_factory=empty_list)

    _kind_rules = model_validator(mode="after")(rules.kind_rules)


ITEM_MODELS: dict[str, type[Item]] = {
    "empowerment": EmpowermentItem,
    "territorial": TerritorialItem,
    "grid": GridItem,
    "village-affairs": VillageAffairsItem,
    "certificates": CertificateItem,
    "duties": DutiesItem,
    "guide": GuideItem,
}
KINDS = constants.KINDS  # the same kinds, in the same order (a test holds them together)

GUIDED_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k != "guide")

KIND_FIELDS: dict[str, frozenset[str]] = {
    kind: frozenset(model.model_fields) - frozenset(Item.model_fields)
    for kind, model in ITEM_MODELS.items()
}


@cache
def file_model(kind: str) -> type[CatalogFile[Any]]:
    """The model of a whole catalog file of one kind."""
    model: type[CatalogFile[Any]] = CatalogFile.__class_getitem__(ITEM_MODELS[kind])  # type: ignore[assignment]
    return model


def guide_ids(item: Item) -> list[str]:
    """The guide item ids an item adopts (none, one, or several for a merged item)."""
    value = item.__dict__.get("guide")
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
