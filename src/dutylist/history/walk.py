"""Reading the first-parent history of PATH: for every commit that changed a catalog
of a jurisdiction, the jurisdiction before (the last valid state) and after.

Everything goes through one `git log` and one `git cat-file --batch`: a commit whose
tree for PATH has the id it had before costs one tree read; a jurisdiction whose
catalog blobs are those it had costs nothing more; a catalog blob is parsed once,
however many commits hold it (a changed registry re-checks, not re-parses, them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dutylist.catalog.load import Document, read_document
from dutylist.catalog.workspace import (
    REGISTRY_NAMES,
    YAML_SUFFIXES,
    Jurisdiction,
    add_catalog,
    add_registry,
)
from dutylist.checks import check
from dutylist.errors import GitError, InputError
from dutylist.findings import Finding
from dutylist.i18n import _
from dutylist.io.git import ObjectReader, TreeEntry
from dutylist.io.yamlload import LoadProblem, decode

Files = tuple[tuple[str, str], ...]  # (path inside the jurisdiction, blob id), in load order
_BLOB_MODES = frozenset({"100644", "100755"})
_TREE_MODE = "40000"


@dataclass
class Step:
    """One jurisdiction changed by one commit (either side None: it appeared or went)."""

    commit: str
    time: int
    key: str  # the jurisdiction's folder relative to PATH ("." for PATH itself)
    old: Jurisdiction | None
    new: Jurisdiction | None
    subject: str = ""  # the commit message's first line: often the reason


@dataclass
class Stepped:
    """A jurisdiction that does not validate at a commit: stepped over."""

    commit: str
    time: int
    key: str
    problems: list[Finding]


@dataclass
class GitCommit:
    sha: str
    time: int
    subject: str
    changed: bool = False


class HistoryWalk:
    """Walk PATH (a path from the repository top; "" for the top) through `commits`."""

    def __init__(self, reader: ObjectReader, repo_path: str) -> None:
        self.reader = reader
        self.parts = [p for p in PurePosixPath(repo_path).parts if p not in ("", ".")]
        self.repo_path = repo_path
        self._found: dict[str, dict[str, str]] = {}
        self._parsed: dict[tuple[str, str, str], tuple[Document | None, Finding | None]] = {}
        self.seen = False  # PATH existed at some commit

    def _lookup(self, tree: str) -> tuple[str, str] | None:
        """(mode, id) of PATH in a root tree; None where it does not exist."""
        mode, sha = _TREE_MODE, tree
        for part in self.parts:
            if mode != _TREE_MODE:
                return None
            entry = next((e for e in self.reader.tree(sha) if e[1] == part), None)
            if entry is None:
                return None
            mode, sha = entry[0], entry[2]
        return mode, sha

    def _jurisdictions(self, tree: str) -> dict[str, str]:
        """Jurisdiction folders under a tree (relative path -> tree id), memoised by id:
        an unchanged subtree is never walked again."""
        found = self._found.get(tree)
        if found is not None:
            return found
        entries = self.reader.tree(tree)
        if any(e[1] in REGISTRY_NAMES and e[0] in _BLOB_MODES for e in entries):
            found = {".": tree}
        else:
            found = {}
            for mode, name, sha in entries:
                if mode == _TREE_MODE and name != ".git":
                    for rel, sub in self._jurisdictions(sha).items():
                        found[name if rel == "." else f"{name}/{rel}"] = sub
        self._found[tree] = found
        return found

    def _files(self, tree: str) -> Files:
        """The registry and catalog blobs of a jurisdiction tree (spec section 1)."""
        entries = self.reader.tree(tree)
        files: list[tuple[str, str]] = []
        duties: list[TreeEntry] = []
        for mode, name, sha in sorted(entries, key=lambda e: e[1]):
            if mode == _TREE_MODE and name == "duties":
                duties = sorted(self.reader.tree(sha), key=lambda e: e[1])
            elif mode in _BLOB_MODES and _is_yaml(name):
                files.append((name, sha))
        files += [(f"duties/{n}", s) for m, n, s in duties if m in _BLOB_MODES and _is_yaml(n)]
        return tuple(files)

    def _document(self, folder: str, name: str, sha: str) -> tuple[Document | None, Finding | None]:
        cached = self._parsed.get((folder, name, sha))
        if cached is not None:
            return cached
        shown = f"{folder}/{name}" if folder else name
        try:
            text = decode(self.reader.blob(sha))
        except LoadProblem as problem:
            found = Finding(
                check(problem.kind), problem.message, shown, problem.line, problem.column
            )
            return None, found
        doc = read_document(Path(shown), shown, text)
        result = (doc, None) if isinstance(doc, Document) else (None, doc)
        self._parsed[(folder, name, sha)] = result
        return result

    def _load(self, key: str, files: Files) -> Jurisdiction:
        folder = "/".join(p for p in (self.repo_path, "" if key == "." else key) if p)
        juris = Jurisdiction(Path(folder or "."), display=lambda p: p.as_posix())
        for name, sha in files:
            doc, problem = self._document(folder, name, sha)
            juris.files.append(f"{folder}/{name}" if folder else name)
            if problem is not None:
                juris.findings.append(problem)
            elif doc is not None and name in REGISTRY_NAMES:
                add_registry(doc, juris)
            elif doc is not None:
                add_catalog(doc, juris)
        return juris

    def steps(
        self,
        commits: list[GitCommit],
        trees: dict[str, str],
        invalid: Callable[[Jurisdiction], list[Finding]],
        stepped: list[Stepped],
    ) -> Iterator[Step]:
        """The changes of every jurisdiction, commit by commit, oldest first."""
        previous: tuple[str, str] | None = None
        files_at: dict[str, Files] = {}
        state: dict[str, Jurisdiction] = {}
        for commit in commits:
            here = self._lookup(trees[commit.sha])
            if here == previous:
                continue
            previous = here
            found: dict[str, str] = {}
            if here is not None:
                self.seen = True
                mode, sha = here
                if mode == _TREE_MODE:
                    found = self._jurisdictions(sha)
                else:
                    raise InputError(
                        _(
                            "{path} is a file: give a jurisdiction folder or a folder of them",
                            path=self.repo_path,
                        )
                    )
            for key in sorted(set(found) | set(files_at)):
                files = self._files(found[key]) if key in found else ()
                if files == files_at.get(key, ()):
                    continue
                files_at[key] = files
                new = self._load(key, files) if files else None
                if new is not None:
                    problems = invalid(new)
                    if problems:
                        stepped.append(Stepped(commit.sha, commit.time, key, problems))
                        continue
                old = state.pop(key, None)
                if new is not None:
                    state[key] = new
                if old is None and new is None:
                    continue
                commit.changed = True
                yield Step(commit.sha, commit.time, key, old, new, commit.subject)
            self._keep(files_at)

    def _keep(self, files_at: dict[str, Files]) -> None:
        """Forget parsed documents no jurisdiction holds any more: a long history
        would otherwise keep every version's models alive."""
        live = {
            ("/".join(p for p in (self.repo_path, "" if key == "." else key) if p), name, sha)
            for key, files in files_at.items()
            for name, sha in files
        }
        for cached in [k for k in self._parsed if k not in live]:
            del self._parsed[cached]


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def to_date(time: int, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.fromtimestamp(time, tz)


def check_not_shallow(shallow: bool) -> None:
    if shallow:
        raise GitError(
            _(
                "the repository is a shallow clone: its history does not reach the first "
                "commit that history needs; run `git fetch --unshallow` first"
            )
        )
