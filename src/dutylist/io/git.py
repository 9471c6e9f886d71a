"""Reading catalogs straight from git revisions, without a shell.

git is run with argument lists (`shell=False`); a revision or path that starts
with `-` is refused before git sees it, so it can never be taken for an option.
Paths are relative to the current directory, like disk paths (`git show REV:./PATH`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dutylist.errors import GitError, os_reason
from dutylist.i18n import N_, _, current_lang


def _check_arg(value: str, what: str) -> None:
    if not value:
        raise GitError(_("empty git {what}", what=_(what)))
    if value.startswith("-"):
        raise GitError(
            _("git {what} '{value}' looks like an option: refused", what=_(what), value=value)
        )
    if "\0" in value or "\n" in value:
        raise GitError(
            _(
                "git {what} {value} holds a control character: refused",
                what=_(what),
                value=repr(value),
            )
        )


# what _check_arg is told it checks, for the catalog
_WHATS = (N_("revision"), N_("date"), N_("path"))


def run_git(args: list[str], cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    """Run git with an argument list; a failure becomes a GitError with git's message."""
    exe = shutil.which("git")
    if exe is None:
        raise GitError(_("git is not installed (needed to read REV:PATH)"))
    try:
        proc = subprocess.run(  # an argument list, never a shell
            [exe, *args], cwd=cwd, input=stdin, capture_output=True, shell=False, check=False
        )
    except OSError as exc:
        raise GitError(_("cannot run git: {reason}", reason=os_reason(exc))) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        text = message[-1] if message else ""
        raise GitError(git_problem(text.removeprefix("fatal: "), args[0]))
    return proc.stdout


# git's messages (English unless git is localised) that a dutylist user meets
_GIT_PROBLEMS = (
    (
        re.compile(r"not a git repository"),
        N_("not inside a git repository (needed to read REV:PATH)"),
    ),
    (
        re.compile(r"[Pp]ath '(?P<path>[^']*)' does not exist in '(?P<rev>[^']*)'"),
        N_("path '{path}' does not exist in '{rev}'"),
    ),
    (
        re.compile(r"[Pp]ath '(?P<path>[^']*)' exists on disk, but not in '(?P<rev>[^']*)'"),
        N_("path '{path}' exists on disk, but not in '{rev}'"),
    ),
    (
        re.compile(
            r"(?:bad revision|[Nn]ot a valid object name|invalid object name) '?(?P<rev>[^']*)'?"
        ),
        N_("unknown git revision '{rev}'"),
    ),
    (
        re.compile(r"ambiguous argument '(?P<rev>[^']*)'"),
        N_("unknown git revision '{rev}'"),
    ),
    (
        re.compile(r"dubious ownership"),
        N_("git refuses a repository owned by another user (see `git config safe.directory`)"),
    ),
)


def git_problem(text: str, command: str) -> str:
    """git's last line of complaint, in the output language where it is a known one."""
    for pattern, msgid in _GIT_PROBLEMS:
        match = pattern.search(text)
        if match:
            return _(msgid, **match.groupdict())
    if not text:
        return _("git {command} failed", command=command)
    if current_lang() == "en":
        return text
    return _("git {command} failed: {detail}", command=command, detail=text)


def repo_root(cwd: Path | None = None) -> Path:
    """The top folder of the repository holding `cwd` (GitError outside a repository)."""
    out = run_git(["rev-parse", "--show-toplevel"], cwd)
    return Path(out.decode("utf-8").strip())


def resolve_rev(rev: str, cwd: Path | None = None) -> str:
    """The full commit id of a revision; GitError when it does not name a commit."""
    _check_arg(rev, "revision")
    run_git(["rev-parse", "--git-dir"], cwd)  # "not a repository" before "bad revision"
    try:
        out = run_git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
    except GitError:
        if is_shallow(cwd):  # HEAD~1 of a CI checkout of depth 1 is no typo
            raise GitError(
                _(
                    "unknown git revision '{rev}': the repository is a shallow clone, "
                    "run `git fetch --unshallow` first",
                    rev=rev,
                )
            ) from None
        raise GitError(_("unknown git revision '{rev}'", rev=rev)) from None
    return out.decode().strip()


def rev_at(
    date_iso: str, ref: str = "HEAD", first_parent: bool = True, cwd: Path | None = None
) -> str | None:
    """The last commit of `ref`'s history (first-parent by default) whose committer date is
    at or before `date_iso` (an ISO time with offset); None when there is none."""
    _check_arg(date_iso, "date")
    commit = resolve_rev(ref, cwd)
    args = ["rev-list", "-1", f"--before={date_iso}"]
    if first_parent:
        args.append("--first-parent")
    out = run_git([*args, commit], cwd).decode().strip()
    return out or None


def _repo_path(path: str, cwd: Path | None) -> str:
    """PATH relative to the current directory, as a path from the repository top."""
    _check_arg(path, "path")
    given = path.replace("\\", "/")
    if Path(path).is_absolute():  # a path from the file system, inside the work tree
        top = repo_root(cwd).resolve()
        try:
            given = Path(path).resolve().relative_to(top).as_posix()
        except ValueError:
            raise GitError(_("{path} is outside the repository", path=path)) from None
        prefix = ""
    else:
        prefix = run_git(["rev-parse", "--show-prefix"], cwd).decode("utf-8").strip()
    parts: list[str] = []
    for part in PurePosixPath(prefix, given).parts:
        if part == "..":
            if not parts:
                raise GitError(_("{path} is outside the repository", path=path))
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


@dataclass
class Blob:
    path: str  # from the repository top
    sha: str


def _list(commit: str, repo_path: str, cwd: Path | None) -> tuple[str, list[Blob]]:
    """('blob' | 'tree' | '', the blobs at or under the path)."""
    spec = f"{commit}:{repo_path}" if repo_path else f"{commit}^{{tree}}"
    try:
        kind = run_git(["cat-file", "-t", spec], cwd).decode().strip()
    except GitError:
        return "", []
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if repo_path:
        args += ["--", repo_path]
    blobs = []
    for entry in run_git(args, cwd).split(b"\0"):
        if not entry:
            continue
        meta, _tab, name = entry.partition(b"\t")
        mode, otype, sha = meta.decode().split()
        if otype == "blob" and mode != "120000":  # symlinks point at paths, not catalogs
            blobs.append(Blob(name.decode("utf-8", "surrogateescape"), sha))
    return kind, blobs


def read_blobs(shas: list[str], cwd: Path | None = None) -> dict[str, bytes]:
    """The contents of several blobs with one `git cat-file --batch`."""
    if not shas:
        return {}
    out = run_git(["cat-file", "--batch"], cwd, stdin=("\n".join(shas) + "\n").encode())
    contents: dict[str, bytes] = {}
    pos = 0
    for _sha in shas:
        eol = out.index(b"\n", pos)
        sha, _type, size = out[pos:eol].decode().split()
        start = eol + 1
        contents[sha] = out[start : start + int(size)]
        pos = start + int(size) + 1
    return contents


@contextmanager
def materialize(rev: str, path: str, cwd: Path | None = None) -> Iterator[Path | None]:
    """The file or folder PATH as it was at REV, written to a temporary folder (removed on
    exit); None when the path did not exist at REV. PATH is relative to the current
    directory (or `cwd`)."""
    commit = resolve_rev(rev, cwd)
    repo_path = _repo_path(path, cwd)
    kind, blobs = _list(commit, repo_path, cwd)
    if not kind:
        yield None
        return
    contents = read_blobs(sorted({b.sha for b in blobs}), cwd)
    with tempfile.TemporaryDirectory(prefix="dutylist-git-") as tmp:
        base_name = PurePosixPath(repo_path).name or "root"
        local = Path(tmp) / base_name
        for blob in blobs:
            rel = blob.path[len(repo_path) :].lstrip("/") if repo_path else blob.path
            target = local / rel if rel else local
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[blob.sha])
        if kind == "tree":
            local.mkdir(parents=True, exist_ok=True)
        yield local


def display_for(rev: str, path: str, local: Path) -> Callable[[Path], str]:
    """A display function mapping files under `local` to `REV:path/inside`."""
    shown = path.rstrip("/") or "."

    def display(p: Path) -> str:
        try:
            rel = p.relative_to(local).as_posix()
        except ValueError:
            return p.as_posix()
        return f"{rev}:{shown}" if rel == "." else f"{rev}:{shown}/{rel}"

    return display


def is_shallow(cwd: Path | None = None) -> bool:
    """Whether the repository is a shallow clone (its oldest commits lack their parents)."""
    out = run_git(["rev-parse", "--is-shallow-repository"], cwd)
    return out.decode().strip() == "true"


SHALLOW_HINT = "run `git fetch --unshallow` first"


@dataclass
class CommitInfo:
    """One commit of a first-parent history: id, committer time (UTC seconds), root tree."""

    sha: str
    time: int
    tree: str
    subject: str


def first_parent_log(ref: str = "HEAD", cwd: Path | None = None) -> list[CommitInfo]:
    """The first-parent history of `ref`, oldest first, in one `git log`."""
    commit = resolve_rev(ref, cwd)
    out = run_git(
        ["log", "--first-parent", "--reverse", "--format=%H%x00%ct%x00%T%x00%s", commit], cwd
    )
    commits = []
    for line in out.decode("utf-8", "replace").splitlines():
        sha, time, tree, subject = line.split("\0", 3)
        commits.append(CommitInfo(sha, int(time), tree, subject))
    return commits


TreeEntry = tuple[str, str, str]  # (mode, name, object id)


class ObjectReader:
    """One `git cat-file --batch` process for a whole run: blobs and trees by id, each
    read once, so a long history costs one process instead of one per commit."""

    def __init__(self, cwd: Path | None = None) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise GitError(_("git is not installed (needed to read the history)"))
        try:
            self._proc = subprocess.Popen(  # an argument list, never a shell
                [exe, "cat-file", "--batch"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                shell=False,
            )
        except OSError as exc:
            raise GitError(_("cannot run git: {reason}", reason=os_reason(exc))) from None
        self._trees: dict[str, list[TreeEntry]] = {}

    def read(self, name: str) -> tuple[str, bytes] | None:
        """(type, contents) of an object id or `REV:PATH`; None when it does not exist."""
        _check_arg(name, "object")
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline()
        except OSError as exc:
            raise GitError(_("git cat-file stopped: {reason}", reason=os_reason(exc))) from None
        if not header:
            raise GitError(_("git cat-file stopped unexpectedly"))
        fields = header.split()
        if len(fields) != 3:  # "<name> missing" / "ambiguous"
            return None
        size = int(fields[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)  # the newline after the contents
        return fields[1].decode(), data

    def tree(self, sha: str) -> list[TreeEntry]:
        """The entries of a tree object (mode, name, id), parsed once per id."""
        cached = self._trees.get(sha)
        if cached is not None:
            return cached
        found = self.read(sha)
        if found is None or found[0] != "tree":
            raise GitError(_("{sha} is not a tree", sha=sha))
        entries: list[TreeEntry] = []
        data, pos = found[1], 0
        while pos < len(data):
            space = data.index(b" ", pos)
            nul = data.index(b"\0", space)
            mode = data[pos:space].decode()
            name = data[space + 1 : nul].decode("utf-8", "surrogateescape")
            entries.append((mode, name, data[nul + 1 : nul + 21].hex()))
            pos = nul + 21
        self._trees[sha] = entries
        return entries

    def blob(self, sha: str) -> bytes:
        found = self.read(sha)
        if found is None or found[0] != "blob":
            raise GitError(_("{sha} is not a blob", sha=sha))
        return found[1]

    def close(self) -> None:
        proc = self._proc
        if proc.stdin is not None:
            proc.stdin.close()
        if proc.stdout is not None:
            proc.stdout.close()
        proc.wait()

    def __enter__(self) -> ObjectReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def repo_path(path: str, cwd: Path | None = None) -> str:
    """PATH relative to the current directory, as a path from the repository top."""
    return _repo_path(path, cwd)
