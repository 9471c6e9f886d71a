"""Types shared by every file of the format."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictStr
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
"""Unit, department and post ids: lowercase ASCII, digits and dashes."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def slug_problem(text: str) -> bool:
    """Whether `text` is not a Slug (for the columns checked without a model)."""
    return _SLUG.match(text) is None


ItemId = Annotated[StrictStr, Field(min_length=1)]
"""Item ids are opaque (published lists use local schemes); they must be quoted if numeric,
because YAML reads 010 as the number 8."""


# Codes and versions are text like every other value that YAML could misread (spec section 3):
# `code: 0x1A` or `version: 2024-01-01` unquoted would be a number or a date to some reader,
# so they are refused alike, as the JSON Schema refuses them.
Code = StrictStr
Text = Annotated[StrictStr, Field(min_length=1)]
VersionText = Text


def _no_number(value: Any) -> Any:
    # pydantic would read 0 as 1970-01-01; a date is written as one (or as its text)
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


Date = Annotated[dt.date, BeforeValidator(_no_number)]


def empty_list() -> list[Any]:
    """A new list, the default of a list field. pydantic reads the signature of every
    default factory; for the builtin `list` that means tokenizing its text signature,
    about 10 ms of every start-up, where a Python function's is at hand."""
    return []


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Category = Literal[
    "licensing",
    "penalty",
    "coercion",
    "levy",
    "expropriation",
    "payment",
    "inspection",
    "confirmation",
    "reward",
    "adjudication",
    "other-power",
    "public-service",
    "other",
]
Technical = Literal["low", "medium", "high"]
UnitType = Literal["town", "township", "street", "village", "community"]
Level = Literal["province", "city", "county"]
Kind = Literal[
    "empowerment", "territorial", "grid", "village-affairs", "certificates", "duties", "guide"
]
GuidedKind = Literal[
    "empowerment", "territorial", "grid", "village-affairs", "certificates", "duties"
]
Method = Literal["devolve", "entrust"]
Role = Literal["basic", "cooperating", "reclaimed"]
Handling = Literal["perform", "assist", "excluded"]
CertStatus = Literal["retained", "abolished"]
Capacity = Literal["adequate", "limited", "none"]
Willingness = Literal["strong", "moderate", "weak"]

DateOrText = dt.date | Text
