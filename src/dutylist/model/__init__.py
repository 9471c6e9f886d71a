"""pydantic models of the catalog format (spec sections 2-4)."""

from dutylist.model.catalog import (
    ITEM_MODELS,
    KINDS,
    CatalogFile,
    CatalogHeader,
    CertificateItem,
    DutiesItem,
    EmpowermentItem,
    GridItem,
    Item,
    Post,
    TerritorialItem,
    VillageAffairsItem,
    file_model,
)
from dutylist.model.registry import Department, JurisdictionFile, JurisdictionInfo, Unit

__all__ = [
    "ITEM_MODELS",
    "KINDS",
    "CatalogFile",
    "CatalogHeader",
    "CertificateItem",
    "Department",
    "DutiesItem",
    "EmpowermentItem",
    "GridItem",
    "Item",
    "JurisdictionFile",
    "JurisdictionInfo",
    "Post",
    "TerritorialItem",
    "Unit",
    "VillageAffairsItem",
    "file_model",
]
