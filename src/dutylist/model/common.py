"""Types shared by every file of the format."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictStr

from dutylist.model.constants import FORMAT_VERSION as FORMAT_VERSION  # noqa: PLC0414  (re-exported)
from dutylist.model.rules import SLUG_PATTERN, no_number
from dutylist.model.rules import slug_problem as slug_problem  # noqa: PLC0414  (re-exported)

Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]
"""Unit, department and post ids: lowercase ASCII, digits and dashes."""


ItemId = Annotated[StrictStr, Field(min_length=1)]
"""Item ids are opaque (published lists use local schemes); they must be quoted if numeric,
because YAML reads 010 as the number 8."""


# Codes and versions are text like every other value that YAML could misread (spec section 3):
# `code: 0x1A` or `version: 2024-01-01` unquoted would be a number or a date to some reader,
# so they are refused alike, as the JSON Schema refuses them.
Code = StrictStr
Text = Annotated[StrictStr, Field(min_length=1)]
VersionText = Text


Date = Annotated[dt.date, BeforeValidator(no_number)]


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
