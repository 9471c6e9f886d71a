"""Catalog files: one model of items per kind (spec section 3).

Each kind accepts only its own fields, so `scope` on a territorial item is an
unknown field, reported as such, not silently carried.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Generic, Literal, TypeVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from dutylist.i18n import _
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
    empty_list,
)

NO_BASIS_NEEDED = frozenset({"public-service", "other"})


class Support(Strict):
    """放得下、接得住、管得好: what the department provides with the power."""

    training: Date | None = Field(None, description="date of the last 业务培训")
    funding: bool | None = Field(None, description="经费保障 (权随责走、费随事转)")
    guidance: Text | None = None


class Admission(Strict):
    """准入: the approval a new item needs."""

    approved_by: Text | None = None
    approved_on: Date | None = None
    content: Text | None = Field(None, description="协助内容")
    term: DateOrText | None = Field(None, description="期限")
    funding: Text | None = Field(None, description="经费保障措施")

    def missing(self) -> list[str]:
        """The admission fields an audit requires but this record lacks."""
        wanted = ("approved_by", "content", "term", "funding")
        return [name for name in wanted if getattr(self, name) in (None, "")]


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

    @model_validator(mode="after")
    def _basis_required(self) -> Item:
        if not self.basis and self.category not in NO_BASIS_NEEDED:
            raise PydanticCustomError(
                "basis_required",
                _(
                    "an item of category {category} needs its legal basis (实施依据): "
                    "add `basis:` with at least one entry"
                ),
                {"category": self.category},
            )
        return self


class EmpowermentItem(Item):
    scope: Literal["all"] | list[Slug] = Field(
        description="`all` (统一赋权) or the unit ids it is devolved to (差异化赋权)"
    )
    method: Method | None = None

    @field_validator("scope")
    @classmethod
    def _scope_not_empty(cls, value: Literal["all"] | list[str]) -> Literal["all"] | list[str]:
        if isinstance(value, list):
            if not value:
                raise PydanticCustomError(
                    "scope_empty", _("scope lists no unit: write `all` or the unit ids")
                )
            if len(set(value)) != len(value):
                raise PydanticCustomError("scope_repeat", _("scope names a unit twice"))
        return value


class TerritorialItem(Item):
    lead: Slug = Field(description="exactly one lead department (一件事一个部门牵头)")
    cooperating: list[Slug] = Field(default_factory=empty_list)
    grid: bool = False

    @field_validator("lead", mode="before")
    @classmethod
    def _one_lead(cls, value: Any) -> Any:
        if isinstance(value, list):
            raise PydanticCustomError(
                "lead_not_single",
                _(
                    "lead is one department id, not a list (一件事一个部门牵头): "
                    "put the others in `cooperating`"
                ),
            )
        return value


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

    @model_validator(mode="after")
    def _alternative_when_abolished(self) -> CertificateItem:
        if self.status == "abolished" and not self.alternative:
            raise PydanticCustomError(
                "alternative_required",
                _(
                    "an abolished certificate needs `alternative`: how the fact is verified instead "
                    "(部门核查, 告知承诺...)"
                ),
            )
        return self


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

    @model_validator(mode="after")
    def _kind_rules(self) -> CatalogFile[ItemT]:
        kind = self.catalog.kind
        if kind == "duties" and self.catalog.unit is None:
            raise PydanticCustomError(
                "unit_required", _("a duties catalog names its unit: add `unit:` under `catalog:`")
            )
        if kind != "duties" and self.catalog.unit is not None:
            raise PydanticCustomError(
                "unit_not_allowed", _("only a duties catalog has `catalog.unit`: remove it")
            )
        if kind == "guide" and self.catalog.for_ is None:
            raise PydanticCustomError(
                "for_required",
                _("a guide names the kind of list it guides: add `for:` under `catalog:`"),
            )
        if kind != "guide" and self.catalog.for_ is not None:
            raise PydanticCustomError(
                "for_not_allowed", _("only a guide has `catalog.for`: remove it")
            )
        if kind != "duties" and self.posts:
            raise PydanticCustomError(
                "posts_not_allowed", _("only a duties catalog has a post directory (`posts:`)")
            )
        return self


ITEM_MODELS: dict[str, type[Item]] = {
    "empowerment": EmpowermentItem,
    "territorial": TerritorialItem,
    "grid": GridItem,
    "village-affairs": VillageAffairsItem,
    "certificates": CertificateItem,
    "duties": DutiesItem,
    "guide": GuideItem,
}
KINDS: tuple[str, ...] = tuple(ITEM_MODELS)

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
