"""The monthly adjustment report (spec section 8, `dutylist report`): from the git history
of PATH, the state at the end of the month before vs at the end of the month.

"End of a month" is the last commit of the first-parent history of HEAD whose committer
date falls before the first instant of the next month, in UTC+8 unless told otherwise:
catalog repositories are kept by Chinese county offices, and a commit made at 04:00 on
the 1st in Beijing is August's work even though UTC still says July.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dutylist.catalog.workspace import Jurisdiction, find_jurisdictions, load_path
from dutylist.diff import CatalogDiff, DiffResult, Side, diff_jurisdictions
from dutylist.errors import GitError, InputError, UserError
from dutylist.i18n import _
from dutylist.model.registry import JurisdictionFile
from dutylist.stats.tables import Statistics, statistics
from dutylist.validate.core import require_valid

Progress = Callable[[str], None]
"""Told each step as it starts (reading a revision, diffing a jurisdiction)."""

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
DEFAULT_TZ = "+08:00"


def parse_month(text: str) -> tuple[int, int]:
    """YYYY-MM as (year, month); a UserError for anything else."""
    match = MONTH.match(text.strip())
    if match is None:
        raise UserError(_("--month '{text}': give a month as YYYY-MM, e.g. 2024-07", text=text))
    return int(match.group(1)), int(match.group(2))


def parse_tz(text: str) -> dt.timezone:
    """+08:00, +0800, +8 or UTC+8 as a fixed offset."""
    match = OFFSET.match(text.strip())
    if match is None or int(match.group(2)) > 14 or int(match.group(3) or 0) > 59:
        raise UserError(_("--tz '{text}': give an offset from UTC such as +08:00", text=text))
    sign = -1 if match.group(1) == "-" else 1
    delta = dt.timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    return dt.timezone(sign * delta)


def month_bounds(month: str, tz: dt.timezone) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the month and of the next month, in `tz`."""
    year, number = parse_month(month)
    start = dt.datetime(year, number, 1, tzinfo=tz)
    end = dt.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=tz)
    return start, end


@dataclass
class Revision:
    """One side of the report: a commit (None before the first commit) and what it held."""

    label: str
    commit: str | None
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    exists: bool = False  # PATH existed at the commit


@dataclass
class MonthlyReport:
    """What `report` found: the two revisions, their diff, the statistics."""

    path: str
    month: str | None
    old: Revision
    new: Revision
    commits: int  # first-parent commits between the two revisions
    diff: DiffResult
    stats: Statistics
    created: list[str]  # jurisdictions that did not exist at the start: all 新增
    dropped: list[str]  # jurisdictions that no longer exist at the end


def _last_second(instant: dt.datetime) -> str:
    # rev-list --before is inclusive and git dates have whole seconds
    return (instant - dt.timedelta(seconds=1)).isoformat()


def _read(rev: Revision, path: str, cwd: Path | None) -> None:
    """Load every jurisdiction under PATH as it was at the revision."""
    from dutylist.io.git import display_for, materialize

    if rev.commit is None:
        return
    with materialize(rev.commit, path, cwd) as local:
        if local is None:
            return
        rev.exists = True
        display = display_for(rev.commit[:7], path, local)
        roots = [local] if local.is_file() else find_jurisdictions(local)
        for root in roots:
            loaded = load_path(root, display)
            require_valid(loaded)
            key = "." if root == local else root.relative_to(local).as_posix()
            rev.jurisdictions[key] = loaded


def _first_commit(
    path: str, zone: dt.timezone, cwd: Path | None
) -> tuple[str, str, dt.datetime] | None:
    """The first commit of HEAD's first-parent history that touches PATH: its short id,
    its day in `zone` and its time; None when none does."""
    from dutylist.io.git import repo_path, run_git

    where = repo_path(path, cwd) or "."
    out = run_git(
        ["log", "--first-parent", "--reverse", "--format=%H %ct", "HEAD", "--", where], cwd
    )
    lines = out.decode().split("\n", 1)
    if not lines[0].strip():
        return None
    sha, seconds = lines[0].split()
    when = dt.datetime.fromtimestamp(int(seconds), zone)
    return sha[:7], when.date().isoformat(), when


def _count_commits(old: str | None, new: str | None, cwd: Path | None) -> int:
    from dutylist.io.git import run_git

    if new is None or old == new:
        return 0
    spec = [new] if old is None else [f"{old}..{new}"]
    out = run_git(["rev-list", "--count", "--first-parent", *spec], cwd)
    return int(out.decode().strip() or 0)


def _revisions(
    month: str | None, tz: dt.timezone, rev_from: str | None, rev_to: str | None, cwd: Path | None
) -> tuple[Revision, Revision]:
    from dutylist.io.git import repo_root, resolve_rev, rev_at, run_git

    try:
        repo_root(cwd)
    except GitError:
        raise GitError(
            _("not inside a git repository: `report` reads the catalogs' history")
        ) from None
    try:
        run_git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd)
    except GitError:
        raise GitError(_("the repository has no commits yet: nothing to report")) from None
    if month is not None:
        start, end = month_bounds(month, tz)
        last_day = (start - dt.timedelta(days=1)).date().isoformat()
        month_end = (end - dt.timedelta(days=1)).date().isoformat()
        old = rev_at(_last_second(start), "HEAD", True, cwd)
        if old is None:
            _require_full_history(last_day, cwd)
        new = rev_at(_last_second(end), "HEAD", True, cwd)
        return Revision(_label(last_day, old), old), Revision(_label(month_end, new), new)
    old_commit = resolve_rev(rev_from, cwd) if rev_from else None
    new_commit = resolve_rev(rev_to or "HEAD", cwd)
    return (
        Revision(_label(rev_from or "", old_commit), old_commit),
        Revision(_label(rev_to or "HEAD", new_commit), new_commit),
    )


def _require_full_history(day: str, cwd: Path | None) -> None:
    """No commit before the month: true only if the history is whole (section 10)."""
    from dutylist.io.git import is_shallow

    if is_shallow(cwd):
        raise GitError(
            _(
                "the repository is a shallow clone whose history does not reach {day}: "
                "run `git fetch --unshallow` first",
                day=day,
            )
        )


def default_path(cwd: Path | None = None) -> str:
    """The default PATH: the repository's catalogs/, wherever in the work tree one stands."""
    from dutylist.io.git import repo_root

    try:
        top = repo_root(cwd)
    except GitError:
        return "catalogs"
    return Path(os.path.relpath(top / "catalogs", cwd or Path.cwd())).as_posix()


def _label(name: str, commit: str | None) -> str:
    return f"{name} ({commit[:7]})" if commit else f"{name} (—)"


def monthly_report(
    path: str = "catalogs",
    *,
    month: str | None = None,
    tz: str = DEFAULT_TZ,
    rev_from: str | None = None,
    rev_to: str | None = None,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> MonthlyReport:
    """Diff every jurisdiction under PATH between the end of the month before and the end
    of `month` (or between `rev_from` and `rev_to`); a jurisdiction missing on the old
    side counts every item as 新增."""
    if month is None and rev_from is None:
        raise UserError(_("give --month YYYY-MM, or --from REV (and optionally --to REV)"))
    if month is not None and (rev_from or rev_to):
        raise UserError(_("give either --month or --from/--to, not both"))
    zone = parse_tz(tz)
    if month is not None:
        parse_month(month)
    tell = progress or (lambda _step: None)
    old, new = _revisions(month, zone, rev_from, rev_to, cwd)
    for rev in (old, new):
        tell(rev.label)
        _read(rev, path, cwd)
    if not old.exists and not new.exists:
        first = _first_commit(path, zone, cwd) if month is not None else None
        if first is not None and first[2] >= month_bounds(month or "", zone)[1]:
            raise InputError(
                _(
                    "{month} is before the first commit touching {path} ({commit}, {date}): "
                    "nothing to report",
                    month=month,
                    path=path,
                    commit=first[0],
                    date=first[1],
                )
            )
        where = new.commit[:7] if new.commit else "HEAD"
        raise InputError(
            _(
                "{path} does not exist in the history (at {where}): nothing to report",
                path=path,
                where=where,
            )
        )
    if new.commit is not None and not new.exists:
        raise InputError(
            _("{path} does not exist at {label}: nothing to report", path=path, label=new.label)
        )
    keys = sorted(set(old.jurisdictions) | set(new.jurisdictions))
    if not keys:
        raise InputError(
            _("{path} holds no jurisdiction.yaml at {label}", path=path, label=new.label)
        )
    several = len(keys) > 1 or keys != ["."]
    catalogs: list[CatalogDiff] = []
    for key in keys:
        tell(key)
        for cat in diff_jurisdictions(old.jurisdictions.get(key), new.jurisdictions.get(key)):
            cat.jurisdiction = key if several else None
            for change in cat.changes:
                change.jurisdiction = cat.jurisdiction
            catalogs.append(cat)
    diff = DiffResult(
        old=_side(path, old, catalogs, "old"),
        new=_side(path, new, catalogs, "new"),
        catalogs=catalogs,
        folders=True,
        old_registry=_registry(old),
        new_registry=_registry(new),
    )
    return MonthlyReport(
        path=path,
        month=month,
        old=old,
        new=new,
        commits=_count_commits(old.commit, new.commit, cwd),
        diff=diff,
        stats=statistics([diff], labels=(old.label, new.label)),
        created=[_name(new.jurisdictions[k], k) for k in keys if k not in old.jurisdictions],
        dropped=[_name(old.jurisdictions[k], k) for k in keys if k not in new.jurisdictions],
    )


def _name(loaded: Jurisdiction, key: str) -> str:
    return loaded.name if key == "." else f"{loaded.name} ({key})"


def _registry(rev: Revision) -> JurisdictionFile | None:
    return next(
        (j.registry.model for j in rev.jurisdictions.values() if j.registry is not None), None
    )


def _side(path: str, rev: Revision, catalogs: list[CatalogDiff], which: str) -> Side:
    sides = [c.old if which == "old" else c.new for c in catalogs]
    present = [s for s in sides if s is not None]
    versions = {s.version for s in present}
    version = versions.pop() if len(versions) == 1 else None
    source = f"{rev.commit[:7]}:{path}" if rev.commit else path
    return Side(source, version, sum(s.items for s in present), files=len(present))
