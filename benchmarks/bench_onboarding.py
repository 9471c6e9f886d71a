"""Onboarding: `export` of an empowerment catalog to .xlsx, `import` of that workbook
(python-calamine, merged ranges included) and of the same sheet as a GBK CSV, and `fmt`
(ruamel round-trip) of the catalog."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from dutylist.io.yamlwrite import format_text
from dutylist.onboarding.export import export_catalog
from dutylist.onboarding.importer import import_table
from generate import cached
from timing import best_of, ms, repeats, table

# the workbook of a larger catalog takes long to write (export), not to import
XLSX_LIMIT = 10_000


def _csv_bytes(xlsx: bytes) -> bytes:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx), read_only=True).worksheets[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("gb18030")


def _measure(size: int) -> list[str]:
    root = cached(size)
    catalog = root / "empowerment.yaml"
    n = repeats(size)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = export_catalog(catalog)
        (folder / "c.xlsx").write_bytes(xlsx)
        (folder / "c.csv").write_bytes(_csv_bytes(xlsx))
        export_s = best_of(lambda: export_catalog(catalog), n)
        csv_s = best_of(lambda: import_table(folder / "c.csv", "empowerment", jurisdiction=root), n)
        xlsx_s = (
            best_of(lambda: import_table(folder / "c.xlsx", "empowerment", jurisdiction=root), n)
            if size <= XLSX_LIMIT
            else None
        )
    text = catalog.read_text(encoding="utf-8")
    fmt_s = best_of(lambda: format_text(text), n)
    xlsx_text = ms(xlsx_s) if xlsx_s is not None else "skipped"
    return [f"{size:,} items", ms(export_s), xlsx_text, ms(csv_s), ms(fmt_s)]


def main(sizes: list[int]) -> None:
    rows = [_measure(size) for size in sizes]
    print("onboarding: export, import, fmt (best of runs)")
    print(table(["catalog", "export xlsx", "import xlsx", "import GBK csv", "fmt"], rows))


if __name__ == "__main__":
    main([1_000, 10_000])
