"""Generated histories: random sequences of the benchmark generator's known mutations,
committed one by one, give back exactly those events; and the events of a month are
that month's statistics table (`dutylist report`)."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylist.history import build_history
from dutylist.history.model import History
from dutylist.stats.monthly import monthly_report


def _commit_version(repo: Any, version: Path, date: str) -> None:
    target = repo.root / "catalogs" / "gen"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(version, target)
    repo.commit(date, date)


def _events_of(history: History, commit: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for life in history.items:
        for event in life.events:
            if event.commit == commit and event.primary:
                counts.update(event.classes)
    return counts


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from([0.1, 0.3, 0.6])), min_size=1, max_size=3
    )
)
def test_mutations_give_back_their_events(
    generator: Any, repo_class: Any, steps: list[tuple[int, float]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repo = repo_class(work / "repo")
        version = generator.generate_jurisdiction(work / "v0", 60, seed=steps[0][0])
        _commit_version(repo, version, "2024-01-01T10:00:00+08:00")
        expected: list[Counter[str]] = [Counter(added=60)]
        for n, (seed, fraction) in enumerate(steps, start=1):
            counts = generator.mutate(version, work / f"v{n}", fraction, seed)
            version = work / f"v{n}"
            _commit_version(repo, version, f"2024-{n + 1:02d}-01T10:00:00+08:00")
            expected.append(Counter({k: v for k, v in counts.items() if k != "unchanged" and v}))
        history = build_history("catalogs", cwd=repo.root)
        got = [_events_of(history, c.sha) for c in history.commits]
        assert got == expected


def test_the_events_of_a_month_are_its_statistics_table(
    generator: Any, new_repo: Any, tmp_path: Path
) -> None:
    repo = new_repo("months")
    version = generator.generate_jurisdiction(tmp_path / "v0", 150, seed=3)
    _commit_version(repo, version, "2024-01-10T10:00:00+08:00")
    for month in range(2, 6):
        nxt = tmp_path / f"v{month}"
        generator.mutate(version, nxt, 0.4, month)
        version = nxt
        _commit_version(repo, version, f"2024-{month:02d}-10T10:00:00+08:00")
        (repo.root / "NOTES.md").write_text(f"{month}\n", encoding="utf-8")
        repo.commit(f"2024-{month:02d}-20T10:00:00+08:00", "notes")
    history = build_history("catalogs", cwd=repo.root)
    for month in range(2, 6):
        report = monthly_report("catalogs", month=f"2024-{month:02d}", cwd=repo.root)
        events = [
            (life, e)
            for life in history.items
            for e in life.events
            if e.primary and (e.date.year, e.date.month) == (2024, month)
        ]
        classes = Counter(c for _, e in events for c in e.classes)
        table = report.stats.departments
        assert {k: table.total.counts[k] for k in table.classes} == dict(classes)
        units = {row.key: row for row in report.stats.units.rows}
        gained = Counter(u for _, e in events for u in e.gained)
        lost = Counter(u for _, e in events for u in e.lost)
        for key, row in units.items():
            assert row.counts.get("added", 0) == gained[key], key
            assert row.counts.get("revoked", 0) == lost[key], key
        held = dict(history.unit_counts["gen"])
        commit = next(c.sha for c in history.commits if c.changed and c.date.month == month)
        assert {k: r.after for k, r in units.items()} == {k: held[commit][k] for k in units}
