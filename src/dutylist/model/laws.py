"""laws.yaml: the registry of the laws items cite (spec section 12)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictInt, model_validator

from dutylist.model import rules
from dutylist.model.common import Date, Slug, Strict, Text
from dutylist.model.rules import empty_list

LawLevel = Literal["law", "administrative-regulation", "local-regulation", "rule", "normative"]
LawStatus = Literal["in-force", "repealed", "not-yet"]


class Law(Strict):
    """One law, regulation, rule or normative document as items cite it."""

    id: Slug
    title: Text = Field(description="as cited in basis, without 《》")
    aliases: list[Text] = Field(
        default_factory=empty_list, description="other titles it is cited by"
    )
    level: LawLevel
    status: LawStatus = "in-force"
    revised: Date | None = Field(None, description="date of the text in force (修正/修订)")
    repealed_on: Date | None = Field(None, description="required when repealed")
    replaced_by: Slug | None = Field(None, description="id of the law that replaces it")
    articles: StrictInt | None = Field(None, ge=1, description="the number of its articles")

    _repeal_date = model_validator(mode="after")(rules.repeal_date)


class LawsFile(Strict):
    dutylist: Literal[1]
    laws: list[Law] = Field(default_factory=empty_list)
