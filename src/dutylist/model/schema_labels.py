"""Chinese titles and descriptions of the schema's fields, and labels of its enum values,
in the keys yaml-language-server shows: `description` / `markdownDescription` for a
field (the documentation of its completion and hover), `enumDescriptions` /
`markdownEnumDescriptions` for each value of an enum (the documentation of each value's
completion item). Titles read `事项名称 name`: the Chinese name, then the key to type.
"""

from __future__ import annotations

from typing import Any

from dutylist.i18n import CATEGORY, HANDLING, KIND, METHOD, ROLE, STATUS, TECHNICAL

# field -> (Chinese title, Chinese description, English description)
FIELDS: dict[str, tuple[str, str, str]] = {
    "dutylist": ("格式版本", "文件格式版本，写 1", "format version of the file: 1"),
    "catalog": ("清单表头", "清单的类型、标题和版本", "the catalog's kind, title and version"),
    "items": ("事项", "清单中的事项，每项一条", "the items of the catalog, one entry each"),
    "posts": ("岗位目录", "履职清单的岗位目录", "the post directory of a duties catalog"),
    "kind": (
        "清单类型",
        "赋权、属地管理、网格、村级事务、证明事项或履职清单",
        "empowerment, territorial, grid, village-affairs, certificates or duties",
    ),
    "title": ("清单标题", "清单的正式标题", "the catalog's official title"),
    "version": ("版本", "清单版本，如 2024-08", "the catalog's version, e.g. 2024-08"),
    "effective": ("生效日期", "清单生效日期，如 2024-08-19", "date the catalog takes effect"),
    "unit": (
        "所属乡镇(街道)",
        "履职清单所属的乡镇(街道)编码",
        "duties catalog: the unit whose list it is",
    ),
    "id": ("编码", "编码：事项编码或登记表中的编码", "id: the item's code or the registry id"),
    "name": ("名称", "名称", "name"),
    "category": ("事项类型", "权力事项的类型（行政许可、行政处罚……）", "category of the power"),
    "department": ("实施部门", "实施部门的编码（见 jurisdiction.yaml）", "department id"),
    "basis": ("实施依据", "法律法规依据，每条一项", "legal basis, one entry per law"),
    "replaces": (
        "替代事项",
        "本事项由哪些旧事项合并、拆分或重新编码而来",
        "items this one was merged, split or recoded from",
    ),
    "tags": ("标签", "自由标签", "free tags"),
    "notes": ("备注", "备注", "notes"),
    "technical": ("技术要求", "承接的技术要求：低、中、高", "technical demands: low, medium, high"),
    "support": (
        "支撑保障",
        "业务培训、经费保障、办事指南（放得下、接得住）",
        "training, funding and guidance the department provides",
    ),
    "admission": (
        "准入",
        "新增事项的准入：批准机关、批准日期、协助内容、期限、经费",
        "admission of a new item: who approved it, when, content, term, funding",
    ),
    "scope": (
        "赋权范围",
        "`all` 为统一赋权；乡镇(街道)编码列表为差异化赋权",
        "`all` (every unit) or the unit ids it is devolved to",
    ),
    "method": ("赋权方式", "下放或委托", "devolve or entrust"),
    "lead": ("牵头部门", "唯一的牵头部门（一件事一个部门牵头）", "exactly one lead department"),
    "cooperating": (
        "协同部门",
        "协同部门编码；`unit` 表示乡镇(街道)本身",
        "cooperating department ids; `unit` for the unit itself",
    ),
    "grid": ("网格承接", "是否纳入网格服务管理（两单联动）", "whether the grid takes it on"),
    "source": (
        "来源事项",
        "所来自的属地管理事项编码（两单联动）",
        "the territorial item it comes from",
    ),
    "role": ("履职类型", "基本履职、配合履职或上级部门收回", "basic, cooperating or reclaimed"),
    "post": ("岗位", "承担此项的岗位编码（见 posts）", "the post that carries it (see posts)"),
    "handling": ("办理方式", "可办理、协助办理或不可办理", "perform, assist or excluded"),
    "status": ("状态", "保留或取消", "retained or abolished"),
    "alternative": (
        "替代方式",
        "取消后改用何种方式核实（部门核查、告知承诺……）",
        "how the fact is verified once the certificate is abolished",
    ),
    "training": ("业务培训", "最近一次业务培训的日期", "date of the last training"),
    "funding": ("经费保障", "经费保障（权随责走、费随事转）", "funding follows the power"),
    "guidance": ("办事指南", "办事指南", "guidance for handling the item"),
    "approved_by": ("批准机关", "批准新增事项的机关", "who approved the new item"),
    "approved_on": ("批准日期", "批准日期", "date of the approval"),
    "content": ("协助内容", "协助内容", "what the unit does"),
    "term": ("期限", "期限（日期或文字）", "term (a date or text)"),
    "new": ("新设岗位", "是否为新设岗位", "whether the post is new"),
    "jurisdiction": ("辖区", "辖区：区划代码、名称、层级", "the jurisdiction: code, name, level"),
    "units": ("乡镇(街道)", "承接主体：镇、乡、街道、村、社区", "units: towns, streets, villages"),
    "departments": ("部门", "县级部门", "the county's departments"),
    "code": ("区划代码", "行政区划代码（GB/T 2260）", "division code (GB/T 2260)"),
    "level": ("层级", "省、市或县", "province, city or county"),
    "type": ("类型", "镇、乡、街道、村或社区", "town, township, street, village or community"),
    "parent": ("上级", "村、社区所属的镇、乡或街道", "for a village/community: its town or street"),
    "uscc": ("统一社会信用代码", "统一社会信用代码，18位", "统一社会信用代码, 18 characters"),
    "laws": ("法律法规", "事项引用的法律法规登记表", "the registry of the laws items cite"),
    "aliases": ("别称", "引用时使用的其他标题", "other titles it is cited by"),
    "revised": ("修订日期", "现行文本的日期（最近一次修正、修订）", "date of the text in force"),
    "repealed_on": (
        "废止日期",
        "废止日期（已废止时必填）",
        "date of repeal (required when repealed)",
    ),
    "replaced_by": ("替代法规", "取代它的法律法规编码", "id of the law that replaces it"),
    "articles": ("条数", "共有多少条", "the number of its articles"),
}

# (definition, field) where a field means something else than FIELDS says
OVERRIDES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("Item", "id"): ("事项编码", "事项编码（数字请加引号）", "item id (quote it when numeric)"),
    ("Item", "name"): ("事项名称", "事项名称", "the item's name"),
    ("Post", "id"): ("岗位编码", "岗位编码：小写字母、数字和连字符", "post id"),
    ("Post", "name"): ("岗位名称", "岗位名称", "the post's name"),
    ("Unit", "id"): ("乡镇(街道)编码", "单位编码：小写字母、数字和连字符", "unit id"),
    ("Unit", "name"): ("单位名称", "乡镇(街道)、村(社区)的名称", "the unit's name"),
    ("Unit", "code"): ("区划代码", "9位或12位行政区划代码", "9- or 12-digit division code"),
    ("Department", "id"): ("部门编码", "部门编码：小写字母、数字和连字符", "department id"),
    ("Department", "name"): ("部门名称", "部门全称，如 景洪市交通运输局", "the department's name"),
    ("JurisdictionInfo", "name"): ("辖区名称", "辖区名称，如 景洪市", "the jurisdiction's name"),
    ("JurisdictionInfo", "code"): (
        "区划代码",
        "6位行政区划代码（GB/T 2260）",
        "6-digit administrative division code (GB/T 2260)",
    ),
    ("Admission", "funding"): ("经费保障措施", "经费保障措施", "how the work is funded"),
    ("Law", "id"): ("法规编码", "法律法规编码：小写字母、数字和连字符", "law id"),
    ("Law", "title"): ("标题", "引用时的标题，不含《》", "the title as cited, without 《》"),
    ("Law", "level"): (
        "效力层级",
        "法律、行政法规、地方性法规、规章或规范性文件",
        "law, administrative regulation, local regulation, rule or normative document",
    ),
    ("Law", "status"): ("时效性", "现行有效、已废止或尚未施行", "in force, repealed or not yet"),
}

LEVEL = {"province": "省", "city": "市", "county": "县"}
UNIT_TYPE = {"town": "镇", "township": "乡", "street": "街道", "village": "村", "community": "社区"}
LAW_LEVEL = {
    "law": "法律",
    "administrative-regulation": "行政法规",
    "local-regulation": "地方性法规",
    "rule": "规章",
    "normative": "规范性文件",
}
LAW_STATUS = {"in-force": "现行有效", "repealed": "已废止", "not-yet": "尚未施行"}
# enum value tables by the values they label
ENUMS = (
    CATEGORY,
    KIND,
    ROLE,
    HANDLING,
    STATUS,
    METHOD,
    TECHNICAL,
    LEVEL,
    UNIT_TYPE,
    LAW_LEVEL,
    LAW_STATUS,
)


def _definition(name: str) -> str:
    """`empowerment.EmpowermentItem` -> `Item`: the part OVERRIDES are keyed by."""
    base = name.rsplit(".", 1)[-1].split("_", 1)[0]
    return "Item" if base.endswith("Item") else base


def label_schema(node: Any, definition: str = "") -> None:
    """Add the Chinese titles, descriptions and enum labels to a schema, in place."""
    if isinstance(node, list):
        for entry in node:
            label_schema(entry, definition)
        return
    if not isinstance(node, dict):
        return
    for name, body in node.get("$defs", {}).items():
        label_schema(body, _definition(name))
    for field, body in node.get("properties", {}).items():
        words = OVERRIDES.get((definition, field)) or FIELDS.get(field)
        if words and isinstance(body, dict):
            _describe(body, field, *words)
        label_schema(body, definition)
    for key in ("items", "anyOf", "oneOf", "allOf"):
        if key in node:
            label_schema(node[key], definition)
    if isinstance(node.get("enum"), list):
        _enum_labels(node)
    if isinstance(node.get("const"), str):
        table = next((t for t in ENUMS if node["const"] in t), None)
        if table is not None:  # the one value completion offers: its label first
            value = node["const"]
            node["description"] = f"{table[value]} {value}。" + node.get("description", "")
            node["markdownDescription"] = f"**{table[value]}** `{value}`\n\n" + node.get(
                "markdownDescription", ""
            )


def _describe(body: dict[str, Any], field: str, zh_title: str, zh: str, en: str) -> None:
    body["title"] = f"{zh_title} {field}"
    body["description"] = f"{zh}。{en}"
    body["markdownDescription"] = f"**{zh_title}** `{field}`\n\n{zh}。\n\n{en}"


def _enum_labels(node: dict[str, Any]) -> None:
    values = [str(v) for v in node["enum"]]
    table = next((t for t in ENUMS if all(v in t for v in values)), None)
    if table is None:
        return
    node["enumDescriptions"] = [f"{table[v]} {v}" for v in values]
    node["markdownEnumDescriptions"] = [f"**{table[v]}** `{v}`" for v in values]
