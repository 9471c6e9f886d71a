"""jurisdiction.yaml: the registry every catalog of a folder is checked against."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dutylist.model.common import Code, Level, Slug, Strict, Text, UnitType
from dutylist.model.rules import RegistryRules, empty_list


class JurisdictionInfo(Strict):
    code: Code = Field(description="6-digit administrative division code (GB/T 2260)")
    name: Text
    level: Level


class Unit(Strict):
    """承接主体: a town, township, street, village or community that receives powers."""

    id: Slug
    name: Text
    type: UnitType
    code: Code | None = Field(None, description="9- or 12-digit division code")
    parent: Slug | None = Field(None, description="for a village/community: its town or street")


class Department(Strict):
    id: Slug
    name: Text
    uscc: Code | None = Field(None, description="统一社会信用代码, 18 characters")


class JurisdictionFile(Strict, RegistryRules):
    dutylist: Literal[1]
    jurisdiction: JurisdictionInfo
    units: list[Unit] = Field(default_factory=empty_list)
    departments: list[Department] = Field(default_factory=empty_list)
    guides: list[Text] = Field(
        default_factory=empty_list,
        description="paths (relative to this folder) of the guides it follows",
    )
