"""The county committee of the source documents (../shared/seeds/), as tables.

The seed is the 2007 work summary of 政协紫阳县委员会: its towns (城关、双安、洞河、洄水、双桥、绕溪、
麻柳、东木), the departments it worked with (县卫生局, 食品药品监督管理局, 县工商局, 公检法司, 县人大,
县纪委 ...), the 政协建安小组 of a member's duty report. What the seed does not name is filled in with
what a county committee of that size has (docs/domain.md#scale: 130-160 members, ~40 units; 10-30 sectors).
"""

import datetime

from members.models import ActivityGroup, Body, Party

COMMITTEE = {"name": "政协紫阳县委员会", "short_name": "紫阳县政协"}

TOWNS = [
    "城关镇", "双安镇", "洞河镇", "洄水镇", "双桥镇", "绕溪乡", "麻柳镇", "东木镇",  # named in the seed
    "蒿坪镇", "汉王镇", "焕古镇", "向阳镇", "高桥镇", "红椿镇", "毛坝镇", "瓦庙镇",
]
VILLAGES = ["东城村", "新桃村", "龙潭村", "双坪村", "金川村", "大河村", "枫树村", "茶园村", "兴隆村", "桥亭村"]
BRANDS = ["汉水", "秦巴", "富硒", "金鼎", "天源", "宏达", "仙峰", "鑫源", "瑞丰", "和兴", "汉江", "紫云"]

# Parties and organisations: (name, kind). A member's affiliation is one of the first nine; the
# organisations are there as collective proposers (党派团体提案).
PARTIES = [
    ("中共", Party.Kind.CPC),
    ("民革", Party.Kind.DEMOCRATIC),
    ("民盟", Party.Kind.DEMOCRATIC),
    ("民建", Party.Kind.DEMOCRATIC),
    ("民进", Party.Kind.DEMOCRATIC),
    ("农工党", Party.Kind.DEMOCRATIC),
    ("九三学社", Party.Kind.DEMOCRATIC),
    ("无党派人士", Party.Kind.NON_PARTY),
    ("群众", Party.Kind.MASSES),
    ("紫阳县总工会", Party.Kind.ORGANISATION),
    ("共青团紫阳县委员会", Party.Kind.ORGANISATION),
    ("紫阳县妇女联合会", Party.Kind.ORGANISATION),
    ("紫阳县工商业联合会", Party.Kind.ORGANISATION),
    ("紫阳县科学技术协会", Party.Kind.ORGANISATION),
]

# Sectors of the tenth term: (name, seats of the 158, {party: weight}, special committee it feeds).
# The seats add up to the seed's "第十届委员会委员158名".
SECTORS = [
    ("中共", 30, {"中共": 1}, None),
    ("民主党派", 8, {"民盟": 3, "民进": 2, "九三学社": 1, "农工党": 1, "民建": 1}, None),
    ("无党派人士", 6, {"无党派人士": 1}, None),
    ("共青团", 5, {"中共": 3, "群众": 2}, "社会和法制委员会"),
    ("妇联", 7, {"中共": 7, "群众": 2, "民盟": 1}, "社会和法制委员会"),
    ("工商联", 10, {"中共": 3, "群众": 5, "民建": 2}, "经济委员会"),
    ("科协", 5, {"中共": 5, "群众": 3, "九三学社": 2}, "教科卫体委员会"),
    ("经济界", 15, {"中共": 9, "群众": 8, "民建": 3}, "经济委员会"),
    ("农业界", 16, {"中共": 6, "群众": 4}, "农业和农村委员会"),
    ("教育界", 14, {"中共": 5, "群众": 2, "民进": 2, "民盟": 1}, "教科卫体委员会"),
    ("科学技术界", 6, {"中共": 4, "群众": 3, "九三学社": 3}, "人口资源环境委员会"),
    ("医药卫生界", 12, {"中共": 4, "群众": 3, "农工党": 3}, "教科卫体委员会"),
    ("文化艺术界", 7, {"中共": 2, "群众": 2, "民盟": 1}, "文化文史和学习委员会"),
    ("社会福利和社会保障界", 5, {"中共": 3, "群众": 2}, "社会和法制委员会"),
    ("少数民族界", 3, {"中共": 1, "群众": 1}, "民族和宗教委员会"),
    ("宗教界", 3, {"群众": 1}, "民族和宗教委员会"),
    ("特邀人士", 6, {"中共": 4, "群众": 1}, None),
]

SPECIAL_COMMITTEES = [
    ("提案委员会", True),
    ("经济委员会", False),
    ("农业和农村委员会", False),
    ("人口资源环境委员会", False),
    ("教科卫体委员会", False),
    ("社会和法制委员会", False),
    ("民族和宗教委员会", False),
    ("文化文史和学习委员会", False),
]

# 活动小组 by place (the seed's 政协建安小组; 江北 is the seed's "江北四个乡镇") and two member studios
# on the county's two themes in the seed: tea, and the medical market.
ACTIVITY_GROUPS = [
    ("建安小组", ActivityGroup.Kind.GROUP),
    ("城关小组", ActivityGroup.Kind.GROUP),
    ("双安小组", ActivityGroup.Kind.GROUP),
    ("洞河小组", ActivityGroup.Kind.GROUP),
    ("江北小组", ActivityGroup.Kind.GROUP),
    ("富硒茶产业委员工作室", ActivityGroup.Kind.STUDIO),
    ("医药卫生界委员工作室", ActivityGroup.Kind.STUDIO),
]
STUDIO_SECTORS = {
    "富硒茶产业委员工作室": {"农业界", "经济界", "科学技术界"},
    "医药卫生界委员工作室": {"医药卫生界"},
}

MERGED_UNTIL = datetime.date(2019, 3, 31)
MERGED_FROM = datetime.date(2019, 4, 1)
MARKET_REGULATOR = "113"

G, P, C, J, M, E, T, O = (
    Body.Kind.GOVERNMENT, Body.Kind.PARTY, Body.Kind.CONGRESS, Body.Kind.JUDICIAL,
    Body.Kind.MASS, Body.Kind.ENTERPRISE, Body.Kind.TOWNSHIP, Body.Kind.OTHER,
)
# (code, name as the seed writes it, kind, handles proposals, merged into MARKET_REGULATOR in 2019).
# The short name drops the county prefix.
BODIES = [
    # named in the seed
    ("101", "县卫生局", G, True, False),
    ("102", "县食品药品监督管理局", G, True, True),
    ("103", "县工商局", G, True, True),
    ("104", "县教育局", G, True, False),
    ("105", "县公安局", G, True, False),
    ("106", "县司法局", G, True, False),
    ("107", "县人民法院", J, True, False),
    ("108", "县人民检察院", J, True, False),
    ("109", "县治理商业贿赂领导小组办公室", O, False, False),
    ("110", "县人大常委会", C, False, False),
    ("111", "县纪委", P, False, False),
    ("112", "县质量技术监督局", G, True, True),
    (MARKET_REGULATOR, "县市场监督管理局", G, True, False),
    # the departments of the seed's themes: tea and silk, town building, roads, hydropower and mines
    ("201", "县发展和改革局", G, True, False),
    ("202", "县财政局", G, True, False),
    ("203", "县农业局", G, True, False),
    ("204", "县林业局", G, True, False),
    ("205", "县水利局", G, True, False),
    ("206", "县畜牧局", G, True, False),
    ("207", "县建设局", G, True, False),
    ("208", "县交通局", G, True, False),
    ("209", "县国土资源局", G, True, False),
    ("210", "县环境保护局", G, True, False),
    ("211", "县民政局", G, True, False),
    ("212", "县劳动和社会保障局", G, True, False),
    ("213", "县文化局", G, True, False),
    ("214", "县广播电视局", G, True, False),
    ("215", "县科学技术局", G, True, False),
    ("216", "县安全生产监督管理局", G, True, False),
    ("217", "县人口和计划生育局", G, True, False),
    ("218", "县审计局", G, True, False),
    ("219", "县旅游局", G, True, False),
    ("220", "县扶贫开发局", G, True, False),
    ("221", "县政府办公室", G, True, False),
    ("222", "县政府督查室", G, False, False),
    ("223", "县委统战部", P, False, False),
    ("224", "县残疾人联合会", M, True, False),
    ("225", "县供电分公司", E, True, False),
    ("301", "城关镇人民政府", T, True, False),
    ("302", "洞河镇人民政府", T, True, False),
]
DEMO_UNIT = "101"  # the unit demo accounts work for (县卫生局)

# Where members of each sector work: (unit, positions); {town} {village} {brand} are filled in.
WORK = {
    "中共": [
        ("中共紫阳县委组织部", ["副部长"]), ("中共紫阳县委宣传部", ["部长", "副部长"]),
        ("中共{town}委员会", ["书记", "副书记"]), ("{town}人民政府", ["镇长", "副镇长"]),
        ("紫阳县财政局", ["局长"]), ("紫阳县发展和改革局", ["局长", "副局长"]), ("紫阳县水利局", ["局长"]),
        ("紫阳县交通局", ["副局长"]), ("紫阳县教育局", ["局长"]), ("紫阳县农业局", ["副局长"]),
    ],
    "民主党派": [
        ("紫阳中学", ["教师", "高级教师"]), ("紫阳县医院", ["主治医师"]), ("紫阳县城关小学", ["副校长"]),
        ("紫阳县农业技术推广中心", ["农艺师"]), ("紫阳县中医医院", ["副主任医师"]),
    ],
    "无党派人士": [
        ("陕西汉江律师事务所", ["律师"]), ("紫阳县中医医院", ["主任医师"]), ("紫阳县职业教育中心", ["高级讲师"]),
        ("紫阳县{brand}会计师事务所", ["注册会计师"]),
    ],
    "共青团": [
        ("共青团紫阳县委员会", ["副书记"]), ("{town}中心学校", ["团委书记"]),
        ("紫阳县青年志愿者协会", ["会长"]), ("紫阳县{brand}茶叶专业合作社", ["理事长"]),
    ],
    "妇联": [
        ("紫阳县妇女联合会", ["主席", "副主席"]), ("{town}妇联", ["主席"]),
        ("紫阳县{brand}茶业有限公司", ["总经理"]), ("紫阳县{brand}家政服务中心", ["经理"]),
    ],
    "工商联": [
        ("紫阳县{brand}茶业有限公司", ["董事长", "总经理"]), ("紫阳县{brand}建筑工程有限公司", ["总经理"]),
        ("紫阳县{brand}商贸有限公司", ["总经理"]), ("紫阳县{brand}大酒店", ["经理"]),
        ("紫阳县工商业联合会", ["副主席"]),
    ],
    "科协": [
        ("紫阳县科学技术协会", ["主席", "副主席"]), ("紫阳县茶叶技术推广站", ["高级农艺师"]),
        ("紫阳县农村专业技术协会", ["会长"]), ("紫阳县林业技术推广站", ["工程师"]),
    ],
    "经济界": [
        ("紫阳县农村信用合作联社", ["主任", "副主任"]), ("紫阳县供电分公司", ["经理"]),
        ("中国农业银行紫阳县支行", ["行长"]), ("紫阳县{brand}富硒食品有限公司", ["董事长"]),
        ("紫阳县{brand}水电开发有限公司", ["总经理"]), ("紫阳县{brand}茶业有限公司", ["总经理"]),
        ("紫阳县{brand}矿业有限公司", ["总经理"]),
    ],
    "农业界": [
        ("{town}{village}村民委员会", ["主任"]), ("{town}{village}党支部", ["书记"]),
        ("紫阳县{brand}茶叶专业合作社", ["理事长"]), ("紫阳县农业技术推广中心", ["高级农艺师"]),
        ("紫阳县蚕桑技术指导站", ["站长"]), ("紫阳县{brand}畜牧养殖场", ["场长"]),
    ],
    "教育界": [
        ("紫阳中学", ["校长", "副校长", "高级教师"]), ("紫阳县城关中学", ["副校长", "教师"]),
        ("{town}中心小学", ["校长"]), ("紫阳县职业教育中心", ["教师"]), ("{town}初级中学", ["校长", "教师"]),
        ("紫阳县城关幼儿园", ["园长"]),
    ],
    "科学技术界": [
        ("紫阳县科学技术局", ["副局长"]), ("紫阳县气象局", ["局长"]), ("紫阳县茶叶技术推广站", ["站长"]),
        ("紫阳县水电工程勘测设计队", ["工程师"]), ("紫阳县农业技术推广中心", ["农艺师"]),
    ],
    "医药卫生界": [
        ("紫阳县医院", ["院长", "副院长", "主任医师", "主治医师", "护士长"]),
        ("紫阳县中医医院", ["院长", "主治医师"]), ("{town}中心卫生院", ["院长"]),
        ("紫阳县妇幼保健院", ["院长"]), ("紫阳县疾病预防控制中心", ["主任"]), ("紫阳县{brand}大药房", ["经理"]),
    ],
    "文化艺术界": [
        ("紫阳县文化馆", ["馆长", "副研究馆员"]), ("紫阳民歌研究会", ["会长"]), ("紫阳县广播电视台", ["记者", "台长"]),
        ("紫阳县图书馆", ["馆长"]), ("紫阳县书法家协会", ["主席"]),
    ],
    "社会福利和社会保障界": [
        ("紫阳县残疾人联合会", ["理事长"]), ("紫阳县社会福利院", ["院长"]), ("{town}敬老院", ["院长"]),
        ("紫阳县社会保险经办中心", ["主任"]),
    ],
    "少数民族界": [
        ("紫阳县民族宗教事务局", ["副局长"]), ("{town}人民政府", ["副镇长"]), ("紫阳县{brand}餐饮有限公司", ["经理"]),
    ],
    "宗教界": [
        ("紫阳县道教协会", ["会长", "副会长"]), ("紫阳县佛教协会", ["副会长"]),
        ("紫阳县基督教三自爱国运动委员会", ["主任"]),
    ],
    "特邀人士": [
        ("紫阳县人大常委会", ["原副主任"]), ("紫阳县人民法院", ["退休法官"]), ("紫阳县老干部活动中心", ["退休干部"]),
        ("紫阳县关心下一代工作委员会", ["副主任"]),
    ],
}

# Posts nobody holds before about 35 (a young member of that sector gets another place or 干部).
SENIOR_TITLES = {
    "局长", "副局长", "部长", "副部长", "书记", "副书记", "镇长", "副镇长", "院长", "副院长", "校长", "副校长",
    "主席", "副主席", "行长", "主任", "副主任", "站长", "馆长", "台长", "会长", "副会长", "园长", "原副主任",
    "主任医师", "副主任医师", "高级教师", "高级农艺师", "退休干部", "退休法官", "副研究馆员", "高级讲师",
}

SPECIALITY = {
    "中共": ["行政管理", "经济管理", "法律", "汉语言文学"],
    "民主党派": ["汉语言文学", "临床医学", "数学", "农学"],
    "无党派人士": ["法律", "中医学", "会计", "机械制造"],
    "共青团": ["思想政治教育", "市场营销", "茶学"],
    "妇联": ["社会工作", "会计", "茶叶加工"],
    "工商联": ["工商管理", "茶叶加工", "建筑工程", "市场营销"],
    "科协": ["茶学", "林学", "农学"],
    "经济界": ["金融", "会计", "电力工程", "水利水电工程", "食品工程"],
    "农业界": ["茶叶种植", "蚕桑", "畜牧养殖", "农学", "魔芋种植"],
    "教育界": ["汉语言文学", "数学", "英语", "物理", "教育管理", "学前教育"],
    "科学技术界": ["茶学", "大气科学", "水利水电工程", "农学"],
    "医药卫生界": ["临床医学", "中医学", "护理学", "药学", "公共卫生", "妇产科学"],
    "文化艺术界": ["音乐（紫阳民歌）", "新闻学", "书法", "图书馆学"],
    "社会福利和社会保障界": ["社会工作", "劳动与社会保障"],
    "少数民族界": ["行政管理", "餐饮管理"],
    "宗教界": ["道教研究", "宗教学"],
    "特邀人士": ["行政管理", "法律", "党史"],
}

# Education weights per sector: professional sectors more degrees, farmers and clergy fewer.
EDUCATION = {
    "default": {"大学本科": 5, "大学专科": 4, "研究生": 1, "中专": 1},
    "农业界": {"高中": 4, "中专": 3, "大学专科": 3, "初中": 1},
    "宗教界": {"高中": 2, "初中": 1, "大学专科": 1},
    "工商联": {"大学专科": 4, "高中": 3, "大学本科": 3},
}
