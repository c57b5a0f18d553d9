"""The default forms of activity (docs/domain.md#rules-are-data), installed for every committee (its office edits them afterwards).

(code, name, group, training, participation entry). Plenaries and standing-committee meetings are scored by
attendance per sitting, so they earn no extra participation entry.
"""

from .models.kinds import KindGroup

C, I, R, S, O = KindGroup.CONSULTATION, KindGroup.INSPECTION, KindGroup.RESEARCH, KindGroup.SUPERVISION, KindGroup.OTHER

DEFAULT_KINDS = [
    ("plenary", "全体会议整体协商", C, False, False),
    ("standing", "常委会议专题协商", C, False, False),
    ("chairs", "主席会议重点协商", C, False, True),
    ("fortnightly", "双周协商座谈会", C, False, True),
    ("counterpart", "专委会对口协商", C, False, True),
    ("sector", "界别协商", C, False, True),
    ("proposal_handling", "提案办理协商", C, False, True),
    ("inspection", "视察", I, False, True),
    ("research", "调研", R, False, True),
    ("supervision", "民主监督", S, False, True),
    ("evaluation", "民主评议", S, False, True),
    ("forum", "座谈会", C, False, True),
    ("training", "培训", O, True, True),
    ("joint", "联合活动（上级政协、人大、纪委）", O, False, True),
]
