"""Deterministic generator of realistic jurisdictions for the benchmarks.

`generate_jurisdiction` writes a valid jurisdiction folder (jurisdiction.yaml,
empowerment.yaml, assessments/<period>.csv) of any size; `mutate` writes a
second version with a known number of changes of each class of spec section 5,
which the diff benchmark uses as its oracle. YAML is written as text, not
through an emitter, so that 100k items take seconds; `cached` keeps the result
under benchmarks/.data/ between runs.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / ".data"
JURISDICTION_CODE = "532801"
PERIOD = "2024-H2"

# (id, name, type): the first 14 are the townships and streets of a real-looking county
_UNITS = [
    ("yunjinghong", "允景洪街道", "street"),
    ("jiangbei", "江北街道", "street"),
    ("gasa", "嘎洒街道", "street"),
    ("gadong", "嘎栋街道", "street"),
    ("manongfeng", "曼弄枫街道", "street"),
    ("menglong", "勐龙镇", "town"),
    ("menghan", "勐罕镇", "town"),
    ("mengyang", "勐养镇", "town"),
    ("puwen", "普文镇", "town"),
    ("jingha", "景哈哈尼族乡", "township"),
    ("jingne", "景讷乡", "township"),
    ("dadugang", "大渡岗乡", "township"),
    ("mengwang", "勐旺乡", "township"),
    ("jinuoshan", "基诺山基诺族乡", "township"),
]
_DEPARTMENTS = [
    ("transport", "交通运输局", "JT"),
    ("forestry", "林业和草原局", "LC"),
    ("water", "水务局", "SW"),
    ("agriculture", "农业农村局", "NY"),
    ("market", "市场监督管理局", "SC"),
    ("housing", "住房和城乡建设局", "ZJ"),
    ("natural-resources", "自然资源局", "ZR"),
    ("ecology", "生态环境分局", "ST"),
    ("culture", "文化和旅游局", "WL"),
    ("health", "卫生健康局", "WJ"),
    ("emergency", "应急管理局", "YJ"),
    ("civil-affairs", "民政局", "MZ"),
    ("human-resources", "人力资源和社会保障局", "RS"),
    ("education", "教育体育局", "JY"),
    ("urban-management", "城市管理综合执法局", "CG"),
    ("public-security", "公安局", "GA"),
]
# Item names: 对{object}{act}{circumstance}的{category}{procedure}; the word lists share no
# boundary characters, so every combination is a distinct name (checked when generating).
_OBJECTS = "公路用地 河道管理范围 林地 草原 基本农田 饮用水水源保护区 城市道路 公共绿地 集贸市场 建筑工地 农村宅基地 风景名胜区 自然保护区 水土保持区 畜禽养殖场 食品摊贩 小餐饮店 网吧 娱乐场所 出租房屋 燃气设施 电力设施 广播电视设施 文物保护单位 渔业水域 野生动物栖息地 农药经营场所 种子生产基地 烟花爆竹销售点 加油站 公共厕所 停车场 户外广告设施 供水管网 排水设施 垃圾中转站 殡葬设施 宗教活动场所 学校周边 医疗机构 养老机构 旅游景区 河道采砂区 矿山 堤防工程 灌区 山塘水库 村庄规划区 历史建筑 古树名木".split()  # noqa: SIM905 - word lists read better as text
_ACTS = "擅自占用 违法建设 非法倾倒垃圾 擅自砍伐 违规经营 未经许可设置设施 超标排放污水 损坏设施 擅自改变用途 未按规定登记 非法采挖 焚烧秸秆 违规搭建 擅自挖掘 违规堆放物料 噪声扰民 无证经营 违规停放车辆 擅自拆除 违规施工 乱贴乱画 违规饲养 未按规定公示 拒不整改 非法捕捞 违规用火 擅自占道经营 违法排放烟尘 违规储存危险品 擅自开挖 违规处置废弃物 未落实安全措施 虚假宣传 违规收费 违规使用农药 擅自迁移 违法出租 违规转让 擅自变更 违规设置广告".split()  # noqa: SIM905 - word lists read better as text
_CIRCUMSTANCES = "情节轻微 情节较重 情节严重 造成损失 逾期不改 首次发现 多次发现 拒绝检查 影响通行 危及安全 污染环境 破坏生态 扰乱秩序 侵害权益 数额较大 数额巨大 面积较小 面积较大 涉及群众 涉及企业 发生在夜间 发生在汛期 发生在防火期 经责令改正 未造成后果".split()  # noqa: SIM905 - word lists read better as text
_PROCEDURES = ("", "（简易程序）", "（一般程序）", "（听证程序）")
_CATEGORIES = (
    ("penalty", "行政处罚", 50),
    ("inspection", "行政检查", 12),
    ("coercion", "行政强制", 8),
    ("licensing", "行政许可", 8),
    ("confirmation", "行政确认", 5),
    ("payment", "行政给付", 4),
    ("reward", "行政奖励", 2),
    ("adjudication", "行政裁决", 2),
    ("levy", "行政征收", 2),
    ("other-power", "其他行政权力", 3),
    ("public-service", "公共服务", 4),
)
# "other" is never drawn but `reclassified` moves basis-free items there, and a later
# mutation of such an item names it again
_LABEL = {value: label for value, label, _ in _CATEGORIES} | {"other": "其他"}
_CATEGORY_DRAW = [value for value, _, weight in _CATEGORIES for _ in range(weight)]
_POWER = [value for value, _, _ in _CATEGORIES if value != "public-service"]
_LAWS = "中华人民共和国公路法 中华人民共和国森林法 中华人民共和国草原法 中华人民共和国水法 中华人民共和国土地管理法 中华人民共和国城乡规划法 中华人民共和国食品安全法 中华人民共和国环境保护法 中华人民共和国大气污染防治法 中华人民共和国文物保护法 中华人民共和国渔业法 中华人民共和国野生动物保护法 中华人民共和国消防法 中华人民共和国安全生产法 城市市容和环境卫生管理条例 公路安全保护条例 农药管理条例 殡葬管理条例 宗教事务条例 云南省农村公路条例".split()  # noqa: SIM905 - word lists read better as text
_NUMERALS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四 二十五 三十 四十 五十 六十 七十 七十九 八十".split()  # noqa: SIM905 - word lists read better as text
_GUIDANCE = (
    "办事指南及流程图已印发",
    "已编制执法文书范本",
    "业务骨干驻点指导",
    "线上培训课程已开通",
)
_CAPACITY = ("adequate", "adequate", "limited", "none")
_WILLINGNESS = ("strong", "moderate", "moderate", "weak")

CLASSES = (
    "added",
    "revoked",
    "differentiated",
    "unified",
    "rescoped",
    "reclassified",
    "transferred",
    "merged",
    "split",
    "recoded",
    "renamed",
    "amended",
)


@dataclass
class Item:
    """One empowerment item as the generator keeps it (a subset of the model's fields)."""

    id: str
    name: str
    category: str
    department: str
    basis: list[str]
    scope: str | list[str]
    method: str
    technical: str
    training: str | None = None
    guidance: str | None = None
    replaces: list[str] = field(default_factory=list)
    admission: bool = False
    notes: str | None = None


def _name(index: int, category: str) -> str:
    """The `index`-th name of the combination space (mixed radix over the word lists)."""
    index, obj = divmod(index, len(_OBJECTS))
    index, act = divmod(index, len(_ACTS))
    index, circ = divmod(index, len(_CIRCUMSTANCES))
    proc = index % len(_PROCEDURES)
    return f"对{_OBJECTS[obj]}{_ACTS[act]}{_CIRCUMSTANCES[circ]}的{_LABEL[category]}{_PROCEDURES[proc]}"


NAME_SPACE = len(_OBJECTS) * len(_ACTS) * len(_CIRCUMSTANCES) * len(_PROCEDURES)


class _Names:
    """Unique names drawn from a seeded permutation of the combination space."""

    def __init__(self, rng: random.Random, count: int) -> None:
        if count > NAME_SPACE:
            raise ValueError(f"at most {NAME_SPACE} distinct names")
        self._order = rng.sample(range(NAME_SPACE), count)
        self._next = 0

    def take(self, category: str) -> str:
        index = self._order[self._next]
        self._next += 1
        return _name(index, category)


def units(n_units: int) -> list[tuple[str, str, str, str]]:
    """(id, name, type, code) of n units with valid 9-digit codes under the jurisdiction."""
    out = []
    for i in range(n_units):
        ident, name, kind = _UNITS[i % len(_UNITS)]
        if i >= len(_UNITS):
            ident, name = f"{ident}-{i // len(_UNITS)}", f"{name[:-1]}{i // len(_UNITS)}{name[-1]}"
        base = 0 if kind == "street" else 100
        out.append((ident, name, kind, f"{JURISDICTION_CODE}{base + i + 1:03d}"))
    return out


def _item(rng: random.Random, index: int, names: _Names, unit_ids: list[str]) -> Item:
    rand = rng.random
    category = _CATEGORY_DRAW[int(rand() * len(_CATEGORY_DRAW))]
    dept, _, abbr = _DEPARTMENTS[int(rand() * len(_DEPARTMENTS))]
    basis: list[str] = []
    if category != "public-service" or rand() < 0.5:
        basis = [
            f"《{_LAWS[int(rand() * len(_LAWS))]}》第{_NUMERALS[int(rand() * len(_NUMERALS))]}条"
            for _ in range(1 + (rand() < 0.3))
        ]
    trained = rand() < 0.6
    month, day = 1 + int(rand() * 12), 1 + int(rand() * 28)
    return Item(
        id=f"JH-{abbr}-{index:06d}",
        name=names.take(category),
        category=category,
        department=dept,
        basis=basis,
        scope="all" if rand() < 0.6 else _subset(rng, unit_ids),
        method="devolve" if rand() < 0.5 else "entrust",
        technical=("low", "medium", "medium", "high")[int(rand() * 4)],
        training=f"2024-{month:02d}-{day:02d}" if trained else None,
        guidance=_GUIDANCE[int(rand() * len(_GUIDANCE))] if trained else None,
    )


def _subset(rng: random.Random, unit_ids: list[str], avoid: list[str] | None = None) -> list[str]:
    while True:
        size = rng.randint(2, max(2, len(unit_ids) - 2))
        chosen = set(rng.sample(unit_ids, min(size, len(unit_ids))))
        picked = [u for u in unit_ids if u in chosen]
        if picked != avoid:
            return picked


def write_registry(root: Path, n_units: int) -> list[str]:
    """jurisdiction.yaml; returns the unit ids."""
    lines = [
        "dutylist: 1",
        "jurisdiction:",
        f'  code: "{JURISDICTION_CODE}"',
        "  name: 景洪市",
        "  level: county",
        "units:",
    ]
    ids = []
    for ident, name, kind, code in units(n_units):
        ids.append(ident)
        lines += [f"- id: {ident}", f"  name: {name}", f"  type: {kind}", f'  code: "{code}"']
    lines.append("departments:")
    for ident, name, _ in _DEPARTMENTS:
        lines += [f"- id: {ident}", f"  name: 景洪市{name}"]
    (root / "jurisdiction.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def write_catalog(path: Path, items: list[Item], version: str) -> None:
    """empowerment.yaml as an analyst would write it (block style, flow lists of units)."""
    out = [
        "dutylist: 1",
        "catalog:",
        "  kind: empowerment",
        "  title: 景洪市乡镇(街道)赋权事项清单",
        f'  version: "{version}"',
        "items:",
    ]
    add = out.append
    for it in items:
        add(f'- id: "{it.id}"')
        add(f"  name: {it.name}")
        add(f"  category: {it.category}")
        add(f"  department: {it.department}")
        if it.basis:
            add("  basis:")
            out.extend(f"    - {b}" for b in it.basis)
        add(
            f"  scope: {it.scope if isinstance(it.scope, str) else '[' + ', '.join(it.scope) + ']'}"
        )
        add(f"  method: {it.method}")
        add(f"  technical: {it.technical}")
        if it.training:
            add("  support:")
            add(f"    training: {it.training}")
            add("    funding: true")
            add(f"    guidance: {it.guidance}")
        if it.admission:
            add("  admission:")
            add("    approved_by: 市委市政府")
            add("    approved_on: 2024-12-20")
            add("    content: 承接该事项的执法工作")
            add("    term: 2025-12-31")
            add("    funding: 专项经费")
        if it.replaces:
            add("  replaces: [" + ", ".join(f'"{r}"' for r in it.replaces) + "]")
        if it.notes:
            add(f"  notes: {it.notes}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_assessment(path: Path, items: list[Item], unit_ids: list[str], seed: int) -> int:
    """One row per item and unit of the period; returns the number of rows."""
    bits = random.Random(seed).getrandbits
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ["item,unit,period,cases,capacity,willingness,note"]
    add = rows.append
    # one draw of 12 bits per row: 6 for cases (0 about 40% of the time), 2 + 2 for the words
    for it in items:
        for unit in unit_ids:
            r = bits(12)
            cases = r & 63
            cases = 0 if cases < 26 else cases - 25
            add(
                f"{it.id},{unit},{PERIOD},{cases},{_CAPACITY[(r >> 6) & 3]},{_WILLINGNESS[r >> 10]},"
            )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows) - 1


def generate_jurisdiction(root: Path, n_items: int, n_units: int = 14, seed: int = 0) -> Path:
    """A valid jurisdiction folder of n_items empowerment items; returns `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    unit_ids = write_registry(root, n_units)
    # room for the names a mutation adds (renamed, added, split) without repeating one
    names = _Names(rng, min(NAME_SPACE, n_items + n_items // 2 + 100))
    items = [_item(rng, i + 1, names, unit_ids) for i in range(n_items)]
    if len({it.name for it in items}) != len(items):
        raise AssertionError("generated names are not unique")
    write_catalog(root / "empowerment.yaml", items, "2024-08")
    write_assessment(root / "assessments" / f"{PERIOD}.csv", items, unit_ids, seed)
    return root


def _read_items(path: Path) -> list[Item]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from dutylist.io.yamlload import load_yaml

    data = load_yaml(path.read_text(encoding="utf-8"))
    items = []
    for raw in data["items"]:
        support: dict[str, Any] = raw.get("support") or {}
        items.append(
            Item(
                id=raw["id"],
                name=raw["name"],
                category=raw["category"],
                department=raw["department"],
                basis=list(raw.get("basis", [])),
                scope=raw["scope"],
                method=raw["method"],
                technical=raw["technical"],
                training=str(support["training"]) if support.get("training") else None,
                guidance=support.get("guidance"),
                replaces=list(raw.get("replaces", [])),
                admission="admission" in raw,
                notes=raw.get("notes"),
            )
        )
    return items


def mutate(src: Path, dst: Path, fraction: float = 0.05, seed: int = 0) -> dict[str, int]:
    """Write at `dst` a new version of the jurisdiction at `src` with about `fraction` of its
    items changed, spread over the classes of spec section 5, one class per changed item.

    Returns the count of each class as `dutylist diff` should report it (one per item of
    the new version for added/merged/split/recoded..., one per old item for revoked),
    plus `unchanged`."""
    rng = random.Random(seed + 7919)
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / "jurisdiction.yaml", dst / "jurisdiction.yaml")
    unit_ids = [u[0] for u in units(_count_units(src / "jurisdiction.yaml"))]
    items = _read_items(src / "empowerment.yaml")
    used = {it.name for it in items}
    fresh = _Names(rng, min(NAME_SPACE, len(items) * 2 + 200))

    def new_name(category: str) -> str:
        while True:
            name = fresh.take(category)
            if name not in used:
                used.add(name)
                return name

    per_class = max(1, round(len(items) * fraction / len(CLASSES)))
    order = list(range(len(items)))
    rng.shuffle(order)
    taken: set[int] = set()
    cursor: dict[str | None, int] = {}  # per filter: everything before it is taken or unfit

    def pick(scope: str | None = None) -> int | None:
        """An untouched item (with scope `all`, or with a listed scope, when asked)."""
        at = cursor.get(scope, 0)
        while at < len(order):
            i = order[at]
            at += 1
            if i not in taken and (
                scope is None or (scope == "list") == isinstance(items[i].scope, list)
            ):
                taken.add(i)
                cursor[scope] = at
                return i
        cursor[scope] = at
        return None

    counts = dict.fromkeys(CLASSES, 0)
    out: dict[int, list[Item]] = {}  # old position -> its items in the new version
    # after the highest serial in use, so that mutations can be chained (a history)
    suffixes = [int(it.id.rsplit("-", 1)[-1]) for it in items if it.id.rsplit("-", 1)[-1].isdigit()]
    serial = max([len(items), *suffixes]) + 1

    def next_id(it: Item) -> str:
        nonlocal serial
        serial += 1
        return f"{it.id.rsplit('-', 1)[0]}-{serial:06d}"

    wants = {"differentiated": "all", "unified": "list", "rescoped": "list"}
    for cls in CLASSES:
        for _ in range(per_class):
            i = pick(wants.get(cls))
            j = pick() if cls == "merged" else None
            if i is None or (cls == "merged" and j is None):
                break
            it = items[i]
            if cls == "revoked":
                out[i] = []
            elif cls == "added":
                out[i] = [it, _added(rng, next_id(it), new_name, unit_ids)]
            elif cls == "differentiated":
                out[i] = [replace(it, scope=_subset(rng, unit_ids))]
            elif cls == "unified":
                out[i] = [replace(it, scope="all")]
            elif cls == "rescoped":
                current = it.scope if isinstance(it.scope, list) else None
                out[i] = [replace(it, scope=_subset(rng, unit_ids, avoid=current))]
            elif cls == "reclassified":
                # an item without basis stays in a category that needs none: adding a basis
                # would make it `amended` too, and the oracle counts one class per item
                free = [c for c in ("other", "public-service") if c != it.category]
                others = [c for c in _POWER if c != it.category] if it.basis else free
                out[i] = [replace(it, category=rng.choice(others))]
            elif cls == "transferred":
                others = [d for d, _, _ in _DEPARTMENTS if d != it.department]
                out[i] = [replace(it, department=rng.choice(others))]
            elif cls == "merged" and j is not None:
                out[j] = []
                replaces = [it.id, items[j].id]
                out[i] = [
                    replace(it, id=next_id(it), name=new_name(it.category), replaces=replaces)
                ]
            elif cls == "split":
                out[i] = [
                    replace(it, id=next_id(it), name=new_name(it.category), replaces=[it.id])
                    for _ in range(2)
                ]
                counts[cls] += 1  # two new items, each a split change
            elif cls == "recoded":
                out[i] = [replace(it, id=next_id(it))]
            elif cls == "renamed":
                out[i] = [replace(it, name=new_name(it.category))]
            elif cls == "amended":
                out[i] = [replace(it, basis=[*it.basis, "《云南省乡镇综合行政执法条例》第十条"])]
            counts[cls] += 1
    new_items: list[Item] = []
    for i, it in enumerate(items):
        new_items.extend(out.get(i, [it]))
    write_catalog(dst / "empowerment.yaml", new_items, "2025-01")
    write_assessment(dst / "assessments" / f"{PERIOD}.csv", new_items, unit_ids, seed + 1)
    # an added item sits beside an untouched one
    counts["unchanged"] = len(items) - len(out) + counts["added"]
    return counts


def _added(rng: random.Random, ident: str, new_name: Any, unit_ids: list[str]) -> Item:
    category = rng.choice(_POWER)
    dept = rng.choice(_DEPARTMENTS)[0]
    return Item(
        id=ident,
        name=new_name(category),
        category=category,
        department=dept,
        basis=[f"《{rng.choice(_LAWS)}》第{rng.choice(_NUMERALS)}条"],
        scope=_subset(rng, unit_ids),
        method="entrust",
        technical="medium",
        admission=True,
    )


def _count_units(registry: Path) -> int:
    text = registry.read_text(encoding="utf-8")
    return text.split("departments:")[0].count("\n- id:")


def cached(n_items: int, n_units: int = 14, seed: int = 0) -> Path:
    """A generated jurisdiction under benchmarks/.data/, made once."""
    root = DATA / f"j{n_items}-u{n_units}-s{seed}"
    stamp = root / ".complete"
    if not stamp.exists():
        shutil.rmtree(root, ignore_errors=True)
        generate_jurisdiction(root, n_items, n_units, seed)
        stamp.touch()
    return root


def cached_pair(
    n_items: int, fraction: float = 0.05, n_units: int = 14, seed: int = 0
) -> tuple[Path, Path, dict[str, int]]:
    """(old, new, counts): a generated jurisdiction and its mutation, made once."""
    import json

    old = cached(n_items, n_units, seed)
    new = DATA / f"{old.name}-m{fraction}"
    stamp = new / ".counts.json"
    if not stamp.exists():
        shutil.rmtree(new, ignore_errors=True)
        counts = mutate(old, new, fraction, seed)
        stamp.write_text(json.dumps(counts), encoding="utf-8")
    counts = json.loads(stamp.read_text(encoding="utf-8"))
    return old, new, counts


if __name__ == "__main__":
    import time

    for size in (int(a) for a in sys.argv[1:] or ["1000"]):
        start = time.perf_counter()
        path = cached(size)
        _, _, applied = cached_pair(size)
        print(f"{size}: {path} {time.perf_counter() - start:.2f}s {applied}")
