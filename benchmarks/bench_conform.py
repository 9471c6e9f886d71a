"""`conform` over a province: one city guide (指导目录) of 400 items and 130 counties whose
village-affairs lists of 400 items adopt most of it, rename some items (同事不同名) and add
their own, the same few hundred own items recurring across counties under other codes.

Target of issue 15: `conform --similarity 0.9` in at most 3x the time of loading the
catalogs (conform loads them itself: the ratio includes that load)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from dutylist.catalog.workspace import find_jurisdictions, load_jurisdiction
from dutylist.conform.core import run_conform
from generate import DATA
from timing import ms, table

COUNTIES = 130
ITEMS = 400
GUIDE_ITEMS = 400
VERBS = ["协助开展", "组织开展", "配合做好", "负责", "协助做好", "参与"]
THINGS = [
    "城乡居民基本医疗保险参保",
    "最低生活保障对象",
    "高龄津贴",
    "残疾人两项补贴",
    "防止返贫动态监测",
    "森林防火",
    "地质灾害",
    "禁毒宣传",
    "控辍保学",
    "退役军人",
    "人口普查",
    "农田水利",
    "人居环境整治",
    "垃圾分类",
    "河道保洁",
    "矛盾纠纷",
    "安全生产",
    "食品安全",
    "燃气安全",
    "文明实践",
    "志愿服务",
    "社区养老",
    "留守儿童",
    "妇女儿童权益",
    "计划生育",
    "疫苗接种",
    "爱国卫生",
    "林长制",
    "河长制",
    "耕地保护",
    "宅基地",
    "集体资产",
    "村务公开",
    "民主评议",
]
WHAT = ["登记", "排查", "宣传", "走访", "信息采集", "巡查", "统计", "动员", "审核", "上报", "核查"]
CATEGORIES = ["other", "public-service", "other", "other", "public-service", "inspection"]
_CODES = [f"14{p:02d}{c:02d}" for p in range(1, 14) for c in range(1, 11)]  # 130 county codes


def _name(index: int) -> str:
    verb, thing, what = VERBS[index % 6], THINGS[(index // 6) % 34], WHAT[(index // 204) % 11]
    return f"{verb}{thing}{what}{index}"


def _item(ident: str, name: str, category: str, guide: str | None, handling: str | None) -> str:
    lines = [
        f'  - id: "{ident}"',
        f"    name: {name}",
        f"    category: {category}",
        "    department: civil-affairs",
        "    basis:",
        "      - 《中华人民共和国村民委员会组织法》第二十四条",
    ]
    if handling:
        lines.append(f"    handling: {handling}")
    if guide:
        lines.append(f'    guide: "{guide}"')
    return "\n".join(lines) + "\n"


def _head(kind: str, title: str, extra: str = "") -> str:
    return f'dutylist: 1\ncatalog:\n  kind: {kind}\n{extra}  title: {title}\n  version: "2024"\nitems:\n'


def _registry(code: str, name: str, level: str, guides: str = "") -> str:
    return (
        f'dutylist: 1\njurisdiction:\n  code: "{code}"\n  name: {name}\n  level: {level}\n'
        "departments:\n  - id: civil-affairs\n    name: 民政局\n" + guides
    )


def generate_province(root: Path, seed: int = 0) -> Path:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    city = root / "city"
    city.mkdir(parents=True)
    (city / "jurisdiction.yaml").write_text(_registry("140000", "某省某市", "city"), "utf-8")
    guide = [(f"G-{i:03d}", _name(i), CATEGORIES[i % 6]) for i in range(GUIDE_ITEMS)]
    text = _head("guide", "村级组织履行职责事项指导目录", "  for: village-affairs\n")
    text += "".join(_item(g, n, c, None, None) for g, n, c in guide)
    (city / "village-affairs-guide.yaml").write_text(text, "utf-8")
    own_pool = [(_name(10_000 + i), CATEGORIES[i % 6]) for i in range(600)]
    for n, code in enumerate(_CODES[:COUNTIES]):
        folder = root / f"county-{n:03d}"
        folder.mkdir()
        guides = "guides:\n  - ../city/village-affairs-guide.yaml\n"
        folder.joinpath("jurisdiction.yaml").write_text(
            _registry(code, f"县{n:03d}", "county", guides), "utf-8"
        )
        adopted = rng.sample(guide, int(ITEMS * 0.85))
        own = rng.sample(own_pool, ITEMS - len(adopted))
        body = []
        for i, (gid, name, category) in enumerate(adopted):
            # drift: one item in ten kept under another name
            kept = name + rng.choice(["工作", "事项", "服务"]) if rng.random() < 0.1 else name
            body.append(_item(f"C{n:03d}-{i:04d}", kept, category, gid, "perform"))
        for i, (name, category) in enumerate(own, start=len(adopted)):
            kept = name + "工作" if rng.random() < 0.2 else name
            body.append(_item(f"C{n:03d}-{i:04d}", kept, category, None, "assist"))
        text = _head("village-affairs", f"县{n:03d}村级组织工作事务清单") + "".join(body)
        folder.joinpath("village-affairs.yaml").write_text(text, "utf-8")
    return root


def _load(root: Path) -> int:
    return sum(len(load_jurisdiction(r).catalogs) for r in find_jurisdictions(root))


def main(sizes: list[int]) -> None:
    import time

    root = generate_province(DATA / "province")
    runs: dict[str, list[float]] = {"load": [], "conform": [], "conform --similarity 0.9": []}
    for _ in range(3):  # alternating, so that load on the machine hits every variant alike
        for name, times in runs.items():
            start = time.perf_counter()
            if name == "load":
                _load(root)
            else:
                result = run_conform(root, similarity=0.9 if "similarity" in name else None)
            times.append(time.perf_counter() - start)
    base = min(runs["load"])
    rows = [[name, ms(min(times)), f"{min(times) / base:.2f}x"] for name, times in runs.items()]
    print(
        f"conform over {COUNTIES} counties x {ITEMS} items + a guide of {GUIDE_ITEMS} "
        f"({COUNTIES * ITEMS:,} items; best of 3, alternating). Target: <= 3x load."
    )
    print(table(["run", "best time", "vs load"], rows))
    print(f"variant groups found with --similarity 0.9: {len(result.variants)}")
