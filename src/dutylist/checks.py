"""Every check of `dutylist validate`: stable code, kebab-case name, summary.

Codes never change meaning; a retired check keeps its code unused.
"""

from __future__ import annotations

from dutylist.findings import Check, Severity

_ALL = (
    # reading the file
    Check("DL001", "yaml-syntax", "the file is not well-formed YAML"),
    Check("DL002", "duplicate-key", "a mapping repeats a key (the first value would be lost)"),
    Check("DL003", "disallowed-tag", "a tag outside the YAML core schema (!!python/..., custom)"),
    Check("DL004", "alias-expansion", "aliases expand far beyond the document ('billion laughs')"),
    Check("DL005", "not-utf8", "the file is not UTF-8 (GBK from an old export?)"),
    Check("DL006", "empty-file", "the file holds no document"),
    Check("DL007", "not-a-mapping", "the document root is not a mapping"),
    Check("DL008", "nesting-too-deep", "nesting far deeper than any catalog needs"),
    Check("DL009", "binary-file", "a binary file where a text file belongs"),
    Check("DL010", "format-version", "the file needs a newer dutylist, or lacks `dutylist: 1`"),
    Check("DL011", "unreadable-file", "the file cannot be read"),
    Check(
        "DL012", "missing-registry", "no jurisdiction.yaml for the catalog to be checked against"
    ),
    Check(
        "DL013",
        "unknown-document",
        "neither a catalog (`catalog:`) nor a registry (`jurisdiction:`)",
    ),
    Check("DL014", "multiple-documents", "a second YAML document (`---`) in one file"),
    # the schema
    Check("DL100", "invalid-value", "a value of the wrong type or form"),
    Check("DL101", "missing-field", "a required field is absent"),
    Check("DL102", "unknown-field", "a field the format does not have (or not for this kind)"),
    Check("DL103", "invalid-choice", "a value outside the allowed words"),
    # against the registry and within the file
    Check("DL104", "unknown-department", "a department id not in jurisdiction.yaml"),
    Check("DL105", "unknown-unit", "a unit id not in jurisdiction.yaml"),
    Check("DL106", "unknown-parent", "a unit's parent is not a unit of the registry"),
    Check("DL107", "duplicate-id", "an id used twice in one file"),
    Check("DL108", "duplicate-name", "two items with the same normalised name in one file"),
    Check("DL109", "bad-division-code", "a division code of the wrong form"),
    Check("DL110", "bad-uscc", "a 统一社会信用代码 with a bad form or check digit"),
    Check(
        "DL111",
        "code-outside-jurisdiction",
        "a unit code that does not start with the jurisdiction code",
    ),
    Check("DL112", "unknown-post", "a duties item names a post not in the file's post directory"),
    Check("DL113", "unknown-grid-source", "a grid item's source is not a territorial item"),
    Check("DL114", "missing-basis", "an item of a power category without its legal basis"),
    Check("DL116", "lead-not-single", "a territorial item with a list of lead departments"),
    Check("DL117", "duties-unit", "a duties catalog without its unit, or `unit` on another kind"),
    Check("DL118", "missing-alternative", "an abolished certificate without its alternative"),
    Check("DL119", "duplicate-kind", "two catalogs of one kind (or of one unit) in a jurisdiction"),
    Check("DL120", "bad-parent", "a unit's parent is not a town, township or street"),
    Check("DL121", "control-character", "an id or name holds a control character (tab, newline)"),
    Check("DL122", "invisible-character", "an id or name holds a zero-width character"),
    Check("DL123", "bidi-control", "an id or name holds a bidirectional control character"),
    Check("DL124", "id-whitespace", "an id begins or ends with whitespace"),
    Check(
        "DL125",
        "mixed-script",
        "Cyrillic or Greek look-alike letters among Latin or Chinese text",
        Severity.WARNING,
    ),
    # legal bases (laws.yaml, spec section 12)
    Check("DL140", "basis-repealed", "an item cites a repealed law"),
    Check(
        "DL141",
        "basis-not-yet-in-force",
        "an item cites a law not yet in force",
        Severity.WARNING,
    ),
    Check(
        "DL142",
        "basis-article-out-of-range",
        "an article number beyond the law's last article",
        Severity.WARNING,
    ),
    Check("DL143", "law-title-clash", "two laws of laws.yaml claim the same title or alias"),
    Check("DL144", "unknown-replacement", "a law's replaced_by is not a law of the registry"),
    # assessment data
    Check("DL201", "assessment-columns", "an assessment table lacks a required column"),
    Check("DL202", "assessment-unknown-item", "an assessment row names no empowerment item"),
    Check("DL203", "assessment-unknown-unit", "an assessment row names no unit of the registry"),
    Check("DL204", "assessment-cases", "cases is not a whole number >= 0"),
    Check("DL205", "assessment-capacity", "capacity is not adequate/limited/none (足/有限/无)"),
    Check("DL206", "assessment-willingness", "willingness is not strong/moderate/weak (强/中/弱)"),
    Check("DL207", "assessment-duplicate", "two rows for the same item, unit and period"),
    Check("DL208", "assessment-unreadable", "the assessment file cannot be read"),
)

# Chinese name and summary of every check, for `--lang zh` (rules and text output).
CHECKS_ZH: dict[str, tuple[str, str]] = {
    "yaml-syntax": ("YAML语法错误", "文件不是格式正确的YAML"),
    "duplicate-key": ("键重复", "同一映射中键重复出现（前一个值会被覆盖）"),
    "disallowed-tag": ("禁用标签", "使用了YAML核心模式以外的标签（!!python/...、自定义标签）"),
    "alias-expansion": ("别名膨胀", "别名展开后远超文件本身（“十亿笑声”攻击）"),
    "not-utf8": ("非UTF-8编码", "文件不是UTF-8编码（可能是旧版Excel导出的GBK）"),
    "empty-file": ("空文件", "文件没有内容"),
    "not-a-mapping": ("根不是映射", "文档顶层不是键值映射"),
    "nesting-too-deep": ("嵌套过深", "嵌套层级远超清单所需"),
    "binary-file": ("二进制文件", "应为文本文件，却是二进制文件"),
    "format-version": ("格式版本", "文件需要更新版本的dutylist，或缺少 `dutylist: 1`"),
    "unreadable-file": ("无法读取", "文件无法读取"),
    "missing-registry": ("缺少登记表", "清单旁没有 jurisdiction.yaml，无法核对部门和乡镇"),
    "unknown-document": ("未知文档", "既不是清单（`catalog:`）也不是登记表（`jurisdiction:`）"),
    "multiple-documents": ("多个文档", "一个文件中有第二个YAML文档（`---`）"),
    "invalid-value": ("取值无效", "取值类型或格式不对"),
    "missing-field": ("缺少字段", "缺少必填字段"),
    "unknown-field": ("未知字段", "格式中没有此字段（或此类清单没有此字段）"),
    "invalid-choice": ("取值不在范围内", "取值不在允许的选项中"),
    "unknown-department": ("未知部门", "部门编码不在 jurisdiction.yaml 中"),
    "unknown-unit": ("未知乡镇", "乡镇(街道)编码不在 jurisdiction.yaml 中"),
    "unknown-parent": ("未知上级", "村(社区)的上级不在登记表中"),
    "duplicate-id": ("编码重复", "同一文件中编码重复"),
    "duplicate-name": ("名称重复", "同一文件中两个事项名称规范化后相同"),
    "bad-division-code": ("区划代码错误", "行政区划代码格式不对"),
    "bad-uscc": ("信用代码错误", "统一社会信用代码格式或校验位不对"),
    "code-outside-jurisdiction": ("区划代码不属本辖区", "乡镇区划代码不以本辖区代码开头"),
    "unknown-post": ("未知岗位", "履职事项引用的岗位不在本文件岗位目录中"),
    "unknown-grid-source": ("网格来源无效", "网格事项的来源不是属地管理事项"),
    "missing-basis": ("缺少实施依据", "行政权力事项缺少实施依据"),
    "lead-not-single": ("牵头部门不唯一", "属地管理事项的牵头部门写成了列表"),
    "duties-unit": ("履职清单单位", "履职清单缺少 unit，或其他清单写了 unit"),
    "missing-alternative": ("缺少替代方式", "取消的证明事项没有写明替代方式"),
    "duplicate-kind": ("清单重复", "同一辖区有两份同类清单（或同一乡镇两份履职清单）"),
    "bad-parent": ("上级类型错误", "上级不是镇、乡或街道"),
    "control-character": ("控制字符", "编码或名称中含控制字符（制表符、换行等）"),
    "invisible-character": ("不可见字符", "编码或名称中含零宽字符"),
    "bidi-control": ("双向控制字符", "编码或名称中含双向文本控制字符"),
    "id-whitespace": ("编码首尾空白", "编码开头或结尾有空白"),
    "mixed-script": ("混淆字符", "拉丁文或中文中夹杂形似的西里尔或希腊字母"),
    "basis-repealed": ("依据已废止", "事项引用的法律法规已废止"),
    "basis-not-yet-in-force": ("依据尚未施行", "事项引用的法律法规尚未施行"),
    "basis-article-out-of-range": ("条款超出范围", "引用的条款序号超过该法律法规的条文总数"),
    "law-title-clash": ("法规名称重复", "laws.yaml 中两部法律法规使用了相同的名称或别名"),
    "unknown-replacement": ("替代法规未知", "replaced_by 不是登记表中的法律法规"),
    "assessment-columns": ("评估表缺列", "评估表缺少必需的列"),
    "assessment-unknown-item": ("评估事项未知", "评估行的事项不在赋权清单中"),
    "assessment-unknown-unit": ("评估乡镇未知", "评估行的乡镇不在登记表中"),
    "assessment-cases": ("办理量无效", "办理量不是大于等于0的整数"),
    "assessment-capacity": ("承接能力无效", "承接能力不是 足/有限/无（adequate/limited/none）"),
    "assessment-willingness": ("承接意愿无效", "承接意愿不是 强/中/弱（strong/moderate/weak）"),
    "assessment-duplicate": ("评估行重复", "同一事项、乡镇、评估期有两行"),
    "assessment-unreadable": ("评估表无法读取", "评估文件无法读取"),
}

CHECKS: dict[str, Check] = {check.name: check for check in _ALL}


def check(name: str) -> Check:
    return CHECKS[name]


def all_checks() -> tuple[Check, ...]:
    return _ALL
