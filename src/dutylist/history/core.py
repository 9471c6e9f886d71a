"""`build_history`: read the history of PATH and build every item's life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from dutylist.errors import GitError, InputError
from dutylist.history.build import Builder
from dutylist.history.model import CommitInfo, History, Skipped
from dutylist.history.walk import GitCommit, HistoryWalk, Stepped, check_not_shallow, to_date
from dutylist.i18n import _
from dutylist.io.yamlload import gc_paused
from dutylist.model.registry import JurisdictionFile

Progress = Callable[[str], None]
DEFAULT_TZ = "+08:00"


def build_history(
    path: str = "catalogs",
    *,
    cwd: Path | None = None,
    tz: str = DEFAULT_TZ,
    ref: str = "HEAD",
    progress: Progress | None = None,
) -> History:
    """The history of every item under PATH (relative to `cwd`, like a disk path), over
    the first-parent history of `ref`; dates in the offset `tz`."""
    from dutylist.io import git
    from dutylist.stats.monthly import parse_tz
    from dutylist.validate.core import blocking_findings

    zone = parse_tz(tz)
    try:
        top = git.repo_root(cwd)
    except GitError:
        raise GitError(
            _("not inside a git repository: `history` reads the catalogs' history")
        ) from None
    try:
        git.run_git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd)
    except GitError:
        raise GitError(_("the repository has no commits yet: no history to read")) from None
    check_not_shallow(git.is_shallow(cwd))
    where = git.repo_path(path, cwd)
    touched = ["log", "-1", "--first-parent", "--format=%H", git.resolve_rev(ref, cwd), "--"]
    if not git.run_git(["--literal-pathspecs", *touched, where or "."], top):
        # a folder git never held (untracked, ignored): one `git log` says so, where the walk
        # would read the tree of every commit to find nothing
        raise InputError(_("{path} does not exist in the history of HEAD", path=path))
    log = git.first_parent_log(ref, cwd)
    commits = [GitCommit(c.sha, c.time, c.subject) for c in log]
    trees = {c.sha: c.tree for c in log}
    builder = Builder()
    stepped: list[Stepped] = []
    registries: dict[str | None, JurisdictionFile] = {}
    tell = progress or (lambda _step: None)
    with git.ObjectReader(cwd) as reader:
        walk = HistoryWalk(reader, where)
        for step in walk.steps(commits, trees, blocking_findings, stepped):
            key = None if step.key == "." else step.key
            tell(f"{step.commit[:7]} {step.key}")
            # the diff's small objects would trigger full collections over every loaded model
            with gc_paused():
                builder.apply(step, to_date(step.time, zone), key)
            if step.new is not None and step.new.registry is not None:
                registries[key] = step.new.registry.model
    if not walk.seen:
        raise InputError(_("{path} does not exist in the history of HEAD", path=path))
    skipped = [
        Skipped(
            s.commit,
            to_date(s.time, zone),
            path if s.key == "." else s.key,
            [f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}" for f in s.problems],
        )
        for s in stepped
    ]
    by_commit: dict[str, list[str]] = {}
    for s in skipped:
        by_commit.setdefault(s.commit, []).append(s.jurisdiction)
    infos = [
        CommitInfo(c.sha, to_date(c.time, zone), c.subject, c.changed, by_commit.get(c.sha, []))
        for c in commits
    ]
    return History(
        path=path,
        commits=infos,
        items=builder.lives,
        skipped=skipped,
        unit_counts=builder.unit_counts,
        unit_names={k: {u.id: u.name for u in r.units} for k, r in registries.items()},
        department_names={k: {d.id: d.name for d in r.departments} for k, r in registries.items()},
    )


def parse_date(text: str, tz: dt.tzinfo, *, end: bool, option: str) -> dt.datetime:
    """--since/--until: a day (YYYY-MM-DD, its first or last instant in `tz`) or an ISO
    time (in `tz` unless it says its offset)."""
    value = text.strip()
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            start = dt.datetime(day.year, day.month, day.day, tzinfo=tz)
            return start + dt.timedelta(days=1) - dt.timedelta(microseconds=1) if end else start
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("{option} '{value}': give a date as YYYY-MM-DD", option=option, value=value)
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
