"""The default rule lists (docs/domain.md#rules-are-data), installed per committee by services.rules_install_defaults.

They are data: the secretariat edits, reorders or retires them in the admin afterwards.
"""

from proposals.models.rules import NationalClass

CATEGORIES = [
    ("经济", NationalClass.ECONOMY),
    ("政治", NationalClass.POLITICS),
    ("文化", NationalClass.CULTURE),
    ("社会", NationalClass.SOCIETY),
    ("生态文明", NationalClass.ECOLOGY),
]

REJECT_REASONS = [
    "涉及国家秘密的",
    "违反法律法规或法律禁止的",
    "涉及党的组织和人事问题的",
    "属于民主党派、人民团体内部事务的",
    "涉及正在诉讼或仲裁中的案件的",
    "属于学术探讨的",
    "涉及提案人本人及其亲属个人问题的",
    "宣传、推介具体产品或作品的",
    "检举、揭发具体人员的",
    "内容空泛、没有具体建议的",
]

# (code, label, is_adopted, opens_follow_up)
RESULT_CODES = [
    ("A", "所提问题已解决或采纳", True, False),
    ("B", "列入计划拟解决或拟采纳", False, True),
    ("C", "留作参考", False, False),
]
