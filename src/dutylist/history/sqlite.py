"""The history as SQLite tables, for Datasette or any SQL tool (`history -o FILE.db`).

commits(sha, date, subject, changed, skipped)
items(item, kind, unit, jurisdiction, id, name, department, present)  one row per life
item_ids(item, id, position)                                          every id a life had
events(item, commit_sha, date, version, classes, id, old_ids, new_ids, fields, primary_change)
unit_events(item, commit_sha, date, unit, change)                      gained / lost per unit
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from dutylist.history.model import History

_SCHEMA = """
CREATE TABLE commits (sha TEXT PRIMARY KEY, date TEXT NOT NULL, subject TEXT,
                      changed INTEGER NOT NULL, skipped TEXT NOT NULL);
CREATE TABLE items (item INTEGER PRIMARY KEY, kind TEXT NOT NULL, unit TEXT,
                    jurisdiction TEXT, id TEXT NOT NULL, name TEXT NOT NULL,
                    department TEXT, present INTEGER NOT NULL,
                    came_from TEXT NOT NULL, went_into TEXT NOT NULL);
CREATE TABLE item_ids (item INTEGER NOT NULL REFERENCES items(item), id TEXT NOT NULL,
                       position INTEGER NOT NULL);
CREATE TABLE events (item INTEGER NOT NULL REFERENCES items(item),
                     commit_sha TEXT NOT NULL REFERENCES commits(sha), date TEXT NOT NULL,
                     version TEXT, classes TEXT NOT NULL, id TEXT, old_ids TEXT NOT NULL,
                     new_ids TEXT NOT NULL, fields TEXT NOT NULL, primary_change INTEGER NOT NULL);
CREATE TABLE unit_events (item INTEGER NOT NULL REFERENCES items(item),
                          commit_sha TEXT NOT NULL, date TEXT NOT NULL, unit TEXT NOT NULL,
                          change TEXT NOT NULL);
CREATE INDEX item_ids_by_id ON item_ids(id);
CREATE INDEX events_by_item ON events(item);
CREATE INDEX events_by_id ON events(id);
CREATE INDEX events_by_date ON events(date);
CREATE INDEX unit_events_by_unit ON unit_events(unit, date);
CREATE INDEX items_by_department ON items(department);
"""


def write_database(history: History, path: Path) -> None:
    """Write the tables into a new database file at `path`."""
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO commits VALUES (?, ?, ?, ?, ?)",
            [
                (c.sha, c.date.isoformat(), c.subject, int(c.changed), json.dumps(c.skipped))
                for c in history.commits
            ],
        )
        for life in history.items:
            db.execute(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    life.serial,
                    life.kind,
                    life.unit,
                    life.jurisdiction,
                    life.id,
                    life.name,
                    life.department,
                    int(life.present),
                    json.dumps([x.serial for x in life.came_from]),
                    json.dumps([x.serial for x in life.went_into]),
                ),
            )
            db.executemany(
                "INSERT INTO item_ids VALUES (?, ?, ?)",
                [(life.serial, ident, n) for n, ident in enumerate(life.ids)],
            )
            for e in life.events:
                db.execute(
                    "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        life.serial,
                        e.commit,
                        e.date.isoformat(),
                        e.version,
                        json.dumps(e.classes),
                        e.id,
                        json.dumps(e.old_ids),
                        json.dumps(e.new_ids),
                        json.dumps(e.fields, ensure_ascii=False, default=str),
                        int(e.primary),
                    ),
                )
                rows = [(u, "gained") for u in e.gained] + [(u, "lost") for u in e.lost]
                db.executemany(
                    "INSERT INTO unit_events VALUES (?, ?, ?, ?, ?)",
                    [(life.serial, e.commit, e.date.isoformat(), u, c) for u, c in rows],
                )
        db.commit()
    finally:
        db.close()


def database_bytes(history: History) -> bytes:
    """The database file's bytes, so that it is written like every other output
    (atomically, through write_atomic)."""
    with tempfile.TemporaryDirectory(prefix="dutylist-history-") as tmp:
        target = Path(tmp) / "history.db"
        write_database(history, target)
        return target.read_bytes()
