"""Reading county spreadsheets into catalogs (`dutylist import`)."""

from dutylist.onboarding.importer.core import ImportResult, RowProblem, import_table

__all__ = ["ImportResult", "RowProblem", "import_table"]
