"""The history of a hand-made timeline: add, differentiate, a commit touching another
file only, re-code by name and by `replaces`, an invalid commit, merge, split, revoke."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dutylist.errors import GitError, InputError
from dutylist.history import build_history, item_histories
from dutylist.history.model import ItemHistory
from dutylist.history.query import Window, find_items, unit_history

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "history"


def _classes(lives: list[ItemHistory], item_id: str) -> list[list[str]]:
    (life,) = [life for life in lives if item_id in life.ids]
    return [e.classes for e in life.events]


def test_every_kind_of_change_becomes_an_event(timeline: Path) -> None:
    history = build_history("catalogs", cwd=timeline)
    lives = history.items
    assert _classes(lives, "E2") == [["added"], ["differentiated"]]
    assert _classes(lives, "N3") == [["added"], ["recoded"]]
    assert _classes(lives, "N4") == [["added"], ["recoded", "renamed"], ["split"]]
    assert _classes(lives, "E6") == [["added"], ["revoked"]]
    assert _classes(lives, "M1") == [["merged"]]
    (n4,) = [life for life in lives if "N4" in life.ids]
    assert n4.ids == ["E4", "N4"] and not n4.present
    assert [x.id for x in n4.went_into] == ["S1", "S2"]
    (m1,) = [life for life in lives if life.id == "M1"]
    assert [x.id for x in m1.came_from] == ["E1", "E5"] and m1.present
    assert len(lives) == 10  # E1..E7, M1, S1, S2


def test_the_invalid_commit_is_stepped_over_and_said(timeline: Path) -> None:
    history = build_history("catalogs", cwd=timeline)
    (skipped,) = history.skipped
    assert skipped.jurisdiction == "test"
    assert "d9" in skipped.problems[0]
    assert skipped.date.isoformat() == "2023-10-01T09:00:00+08:00"
    # E6 carried the typo; its revocation is the next valid commit's
    (e6,) = [life for life in history.items if life.id == "E6"]
    assert e6.events[-1].date.month == 11
    changed = [c.subject for c in history.commits if c.changed]
    assert changed == [
        "first list",
        "add E7, differentiate E2",
        "re-code E3 and E4",
        "merge, split, revoke",
    ]


def test_a_commit_touching_another_file_costs_nothing(timeline: Path) -> None:
    history = build_history("catalogs", cwd=timeline)
    notes = next(c for c in history.commits if c.subject == "notes only")
    assert not notes.changed
    assert all(e.commit != notes.sha for life in history.items for e in life.events)


def test_dates_are_utc8_unless_told(timeline: Path) -> None:
    (e7,) = [life for life in build_history("catalogs", cwd=timeline).items if life.id == "E7"]
    assert e7.events[0].date.isoformat() == "2023-07-01T04:30:00+08:00"
    (e7,) = [
        life
        for life in build_history("catalogs", cwd=timeline, tz="+00:00").items
        if life.id == "E7"
    ]
    assert e7.events[0].date.date() == dt.date(2023, 6, 30)


def test_asking_for_a_merged_item_shows_where_it_came_from_and_back(timeline: Path) -> None:
    history = build_history("catalogs", cwd=timeline)
    assert [x.id for x in find_items(history, ["M1"])] == ["E1", "E5", "M1"]
    assert [x.id for x in find_items(history, ["E1"])] == ["E1", "M1"]
    # an old id through a re-code and a split; the new ids back to the first one
    assert [x.id for x in find_items(history, ["E4"])] == ["N4", "S1", "S2"]
    assert [x.id for x in find_items(history, ["S2"])] == ["N4", "S2"]
    # a name, matched after normalisation (full-width brackets, spaces)
    assert [x.id for x in find_items(history, ["事项四 (调整)"])] == ["N4", "S1", "S2"]
    with pytest.raises(InputError, match="did you mean 'E1'"):
        find_items(history, ["E11"])


def test_a_units_powers_gained_and_lost_with_the_running_count(timeline: Path) -> None:
    history = build_history("catalogs", cwd=timeline)
    (yi,) = unit_history(history, "乙乡", Window())
    points = [(p.date.month, p.count, len(p.gained), len(p.lost)) for p in yi.points]
    # March: 4 x all + E4; July: E2 narrowed to jia (lost), E7 added; November: E6 revoked,
    # E1+E5 merged into M1 (still all: neither gained nor lost, one item fewer), N4 split
    # into S1 [jia] (yi dropped from N4's scope: lost, as the statistics table counts a
    # split change against its one old item) and S2 [yi]
    assert points == [(3, 5, 5, 0), (7, 5, 1, 1), (11, 3, 0, 2)]
    lost = [(life.id, event.classes) for life, event in yi.points[1].lost]
    assert lost == [("E2", ["differentiated"])]
    (village,) = unit_history(history, "bing", Window())
    assert village.points == []  # `all` is towns, townships and streets


def test_library_entry_point_for_other_tools(timeline: Path) -> None:
    lives = item_histories(timeline, "catalogs/test")
    record = next(life.as_record() for life in lives if life.id == "N3")
    assert record["ids"] == ["E3", "N3"]
    assert record["events"][1] == {
        "commit": record["events"][1]["commit"],
        "date": "2023-09-01T09:00:00+08:00",
        "version": "2023-09",
        "classes": ["recoded"],
        "id": "N3",
        "old_id": "E3",
        "message": "re-code E3 and E4",
    }
    assert "jurisdiction" not in record  # PATH is the jurisdiction itself


def test_path_is_relative_to_the_current_folder(timeline: Path) -> None:
    lives = item_histories(timeline / "catalogs", "test")
    assert len(lives) == 10
    with pytest.raises(InputError, match="does not exist"):
        item_histories(timeline, "nowhere")


def test_a_folder_git_never_held_has_no_history(timeline: Path) -> None:
    untracked = timeline / "catalogs" / "[new]*"  # pathspec characters are taken as written
    untracked.mkdir()
    (untracked / "jurisdiction.yaml").write_text("dutylist: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[new\]\* does not exist in the history"):
        build_history("catalogs/[new]*", cwd=timeline)
    assert len(item_histories(timeline / "catalogs", "test")) == 10  # beside it, still read


def test_a_shallow_clone_is_an_error(timeline: Path, tmp_path: Path) -> None:
    import subprocess

    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{timeline}", str(clone)],
        check=True,
        capture_output=True,
    )
    with pytest.raises(GitError, match="git fetch --unshallow"):
        build_history("catalogs", cwd=clone)


def test_an_item_revoked_then_given_back_keeps_one_life(new_repo: Callable[[str], Any]) -> None:
    repo = new_repo("back")
    folder = repo.root / "catalogs"
    folder.mkdir()
    (folder / "jurisdiction.yaml").write_bytes((FIXTURES / "jurisdiction.yaml").read_bytes())
    first = (FIXTURES / "versions" / "1-start.yaml").read_text(encoding="utf-8")
    e6 = "- id: E6\n  name: 事项六\n  category: public-service\n  department: d2\n  scope: all\n"
    for date, text in (("2024-01", first), ("2024-02", first.replace(e6, "")), ("2024-03", first)):
        (folder / "empowerment.yaml").write_text(text, encoding="utf-8")
        repo.commit(f"{date}-01T10:00:00+08:00", date)
    lives = item_histories(repo.root, "catalogs")
    assert _classes(lives, "E6") == [["added"], ["revoked"], ["added"]]
    assert Counter(len(life.events) for life in lives) == Counter({1: 5, 3: 1})
