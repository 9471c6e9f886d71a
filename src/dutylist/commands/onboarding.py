"""import, fmt, init, export: getting a county's lists in and out of a catalog repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, finish, lang_of, say
from dutylist.commands.outputs import guard
from dutylist.errors import ExitCode, OutputError
from dutylist.i18n import _

ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite files that exist (never done without it).")
]


def _say(lang: str, zh: str, en: str, *, err: bool = False) -> None:
    say(zh if lang == "zh" else en, err=err)


def import_(
    source: Annotated[Path, typer.Argument(help="The county's spreadsheet: .xlsx or .csv.")],
    *,
    kind: Annotated[str, typer.Option("--kind", help="Catalog kind, e.g. empowerment.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The catalog to write.")],
    jurisdiction: Annotated[
        Path | None,
        typer.Option("--jurisdiction", help="Folder whose jurisdiction.yaml names map to."),
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Sheet of an .xlsx.")] = None,
    version: Annotated[
        str | None, typer.Option("--catalog-version", help="catalog.version [file stem].")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="duties: the unit whose list it is.")
    ] = None,
    add_names: Annotated[
        bool,
        typer.Option("--add-names", help="Add unknown departments and units to jurisdiction.yaml."),
    ] = False,
    guide: Annotated[
        Path | None,
        typer.Option(
            "--guide", help="A guide (指导目录): fill `guide:` for items named as its items."
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Read a county's spreadsheet (赋权事项清单 ...) into a catalog of one kind."""
    from dutylist.io.files import is_stream, write_atomic
    from dutylist.onboarding.importer import import_table

    language = lang_of(lang)
    _check_output(
        output, source, force=force, example=f"{kind}.yaml", registry=jurisdiction, guide=guide,
        kind=kind,
    )  # fmt: skip
    # a device (`-o /dev/stdout`) has no folder of its own to find or write a registry in
    beside = None if is_stream(output) else output.parent
    result = import_table(
        source, kind, jurisdiction=jurisdiction, beside=beside, sheet=sheet,
        version=version, unit=unit, add_names=add_names, guide=guide,
    )  # fmt: skip
    from dutylist.report.safe import safe

    write_atomic(output, result.catalog_text)
    for problem in result.problems:  # the message quotes cells: an ESC in one stays text
        typer.echo(safe(f"{source}:{problem.row}: {problem.message}"), err=True)
    for note in result.notes:
        say(f"dutylist: {note}")
    if result.registry_new and beside is None:
        _say(
            language,
            f"警告：未给出 --jurisdiction，已按名称生成 id；{output} 不是文件，未写出 jurisdiction.yaml",
            f"warning: no --jurisdiction: ids were made from names; {output} is not a file, "
            "so no jurisdiction.yaml was written beside it",
            err=True,
        )
    else:
        _write_registry(result.registry_path, result.registry_text, result.registry_new, language)
    if result.guide_filled is not None:
        say(_("guide: filled for {count} items", count=result.guide_filled))
    left = len(result.problems)
    _say(
        language,
        f"已写入 {output}：{result.items} 项" + (f"，{left} 行未导入（见上）" if left else ""),
        f"wrote {output}: {result.items} {'item' if result.items == 1 else 'items'}"
        + (f", {left} {'row' if left == 1 else 'rows'} left out (above)" if left else ""),
        err=beside is None,  # -o /dev/stdout: the catalog alone on standard output
    )
    finish(ExitCode.PROBLEMS if left else ExitCode.OK)


def _check_output(
    output: Path,
    source: Path,
    *,
    force: bool,
    example: str,
    registry: Path | None = None,
    guide: Path | None = None,
    kind: str | None = None,
) -> None:
    """Refuse an output that is a folder, an input (the source, its registry, the
    --jurisdiction registry, the --guide), a catalog of another kind than `kind`, or
    (without --force) a file. A device is written as it is: it needs no --force."""
    from dutylist.io.files import is_stream

    if output.is_dir():  # --force cannot help here, so it is not offered
        raise OutputError(
            _(
                "{path} is a folder: name the file to write, e.g. {example}",
                path=output,
                example=output / example,
            )
        )
    from dutylist.catalog.workspace import REGISTRY_NAMES

    folders = [output.parent] + ([registry] if registry is not None else [])
    registries = [folder / name for folder in folders for name in REGISTRY_NAMES]
    guard([("-o", output)], source, *registries, guide)
    if is_stream(output):
        return
    held = _catalog_kind(output) if kind is not None else None
    if held is not None and held != kind:
        raise OutputError(
            _(
                "{path} is a {held} catalog: an import of kind {kind} does not replace it "
                "(give another -o, or remove the file first)",
                path=output,
                held=held,
                kind=kind,
            )
        )
    if output.exists() and not force:
        raise OutputError(_("{path} exists: not overwritten (use --force)", path=output))


def _catalog_kind(path: Path) -> str | None:
    """The `catalog.kind` of an existing file; None for a file that is none (or no file).
    --force replaces a catalog by a new version of itself: over a catalog of another kind
    (the territorial list as -o of an empowerment import) it is a slip of the -o."""
    import yaml

    try:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError, ValueError):
        return None
    header = data.get("catalog") if isinstance(data, dict) else None
    kind = header.get("kind") if isinstance(header, dict) else None
    return kind if isinstance(kind, str) else None


def _write_registry(path: Path | None, text: str | None, new: bool, lang: str) -> None:
    from dutylist.io.files import write_atomic

    if path is None or text is None:
        return
    if new and path.exists():
        _say(
            lang,
            f"警告：{path} 已存在，未改写",
            f"warning: {path} exists, left unchanged",
            err=True,
        )
        return
    write_atomic(path, text)
    if new:
        _say(
            lang,
            f"警告：未给出 --jurisdiction，已按名称生成 id 并写入 {path}，请核对",
            f"warning: no --jurisdiction: ids were made from names, written to {path}; review them",
            err=True,
        )
    else:
        _say(lang, f"已补充 {path}", f"added the new names to {path}", err=True)


def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Catalog files or folders [default: catalogs/]."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file would change.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Rewrite catalogs and jurisdiction.yaml in the canonical layout (comments kept)."""
    from dutylist.i18n import counted
    from dutylist.onboarding.fmt import format_paths
    from dutylist.report.safe import safe

    language = lang_of(lang)
    result = format_paths(paths or [Path("catalogs")], check=check)
    for name in result.changed:
        _say(
            language,
            f"{'需整理' if check else '已整理'} {name}",
            f"{'would reformat' if check else 'reformatted'} {name}",
        )
    for where, why in result.failed + result.refused:
        typer.echo(safe(f"{where}: {why}"), err=True)  # a file name may hold escapes
    for where, why in result.skipped:
        _say(language, f"已跳过 {where}：{why}", f"skipped {where}: {why}", err=True)
    done, same = len(result.changed), len(result.unchanged)
    bad = len(result.failed) + len(result.refused)
    skip = len(result.skipped)
    _say(
        language,
        f"{done} 个文件{'需整理' if check else '已整理'}，{same} 个无需改动"
        + (f"，{bad} 个无法整理（见上）" if bad else "")
        + (f"，{skip} 个已跳过" if skip else ""),
        f"{counted(done, 'file')} {'would be reformatted' if check else 'reformatted'}, "
        f"{same} unchanged"
        + (f", {bad} not formatted (above)" if bad else "")
        + (f", {skip} skipped" if skip else ""),
        err=True,
    )
    if bad and not check:  # a file it could not format: the run could not do its job
        finish(ExitCode.ERROR)
    finish(ExitCode.PROBLEMS if bad or (check and result.changed) else ExitCode.OK)


def init(
    folder: Annotated[Path, typer.Argument(help="The new catalog repository's folder.")],
    *,
    name: Annotated[
        str | None,
        typer.Option("--name", help="e.g. 景洪市; with a shipped --code, that code's name."),
    ] = None,
    code: Annotated[str | None, typer.Option("--code", help="6-digit division code.")] = None,
    level: Annotated[str, typer.Option("--level", help="province, city or county.")] = "county",
    slug: Annotated[
        str | None, typer.Option("--slug", help="Folder under catalogs/ [from the name].")
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Scaffold a catalog repository that passes `dutylist validate` right away."""
    from dutylist.onboarding.scaffold import plan, write

    if level not in ("province", "city", "county"):
        raise typer.BadParameter(_("use province, city or county"), param_hint="--level")
    scaffold = plan(folder, name=name, code=code, level=level, slug=slug)
    written = write(scaffold, force=force)
    language = lang_of(lang)
    for file in written:
        say(f"  {folder / file}", err=False)
    _say(
        language,
        f"已创建 {len(written)} 个文件（{scaffold.units} 个乡镇街道）；下一步见 {folder / 'README.md'}",
        f"created {len(written)} files ({scaffold.units} units); next steps in {folder / 'README.md'}",
    )


def export(
    catalog: Annotated[Path, typer.Argument(help="A catalog file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .xlsx to write.")],
    public: Annotated[
        bool, typer.Option("--public", help="公开版: leave out notes, support and admission.")
    ] = False,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Write a catalog as the spreadsheet counties publish (Chinese headers)."""
    lang_of(lang)
    from dutylist.io.files import is_stream, write_atomic
    from dutylist.onboarding.export import export_catalog

    if output.suffix.lower() != ".xlsx" and not is_stream(output):
        raise typer.BadParameter(_("the output must be an .xlsx file"), param_hint="-o")
    data = export_catalog(catalog, public=public)  # a bad input is reported first
    _check_output(output, catalog, force=force, example="清单.xlsx")
    write_atomic(output, data)


COMMANDS: dict[str, Callable[..., Any]] = {
    "import": import_,
    "fmt": fmt,
    "init": init,
    "export": export,
}
