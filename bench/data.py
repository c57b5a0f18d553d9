"""The word lists the generator draws from: scales, sectors, parties, units, names and proposal text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    members: int
    proposals: int  # received in the session
    units: int  # handling units
    sectors: int
    every: int  # print progress every N items


# docs/domain.md#scale (county: the seed's 101 received; national: the 2024 session's 5,898).
SCALES = {
    "county": Scale(members=150, proposals=120, units=40, sectors=15, every=20),
    "city": Scale(members=400, proposals=450, units=60, sectors=20, every=50),
    "province": Scale(members=700, proposals=1200, units=100, sectors=28, every=100),
    "national": Scale(members=2170, proposals=5898, units=180, sectors=34, every=250),
    "tiny": Scale(members=30, proposals=24, units=10, sectors=6, every=8),  # the generator's own test
}

# National identity, 2024 session: received 5,898 = accepted 5,006 + merged 160 + converted 732.
NATIONAL = {"received": 5898, "accepted": 5006, "merged": 160, "converted": 732}

SECTORS = [
    "中国共产党", "中国国民党革命委员会", "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党",
    "中国致公党", "九三学社", "台湾民主自治同盟", "无党派人士", "中国共产主义青年团", "中华全国总工会",
    "中华全国妇女联合会", "中华全国青年联合会", "中华全国工商业联合会", "中国科学技术协会",
    "中华全国台湾同胞联谊会", "中华全国归国华侨联合会", "文化艺术界", "科学技术界", "社会科学界", "经济界",
    "农业界", "教育界", "体育界", "新闻出版界", "医药卫生界", "对外友好界", "社会福利和社会保障界",
    "少数民族界", "宗教界", "特邀香港人士", "特邀澳门人士", "特别邀请人士",
]
# Local committees keep professional sectors first: a county's 15 sectors are not the first 15 parties.
LOCAL_SECTOR_ORDER = [0, 2, 3, 4, 7, 9, 11, 12, 14, 21, 22, 23, 26, 18, 19, 20, 24, 25, 27, 28, 29, 30, 33,
                      1, 5, 6, 8, 10, 13, 15, 16, 17, 31, 32]
assert sorted(LOCAL_SECTOR_ORDER) == list(range(len(SECTORS)))

# (name, kind, files collectively): kinds are members.models.Party.Kind values.
PARTIES = [
    ("中国共产党", "cpc", False),
    ("中国国民党革命委员会", "democratic", True), ("中国民主同盟", "democratic", True),
    ("中国民主建国会", "democratic", True), ("中国民主促进会", "democratic", True),
    ("中国农工民主党", "democratic", True), ("中国致公党", "democratic", True), ("九三学社", "democratic", True),
    ("台湾民主自治同盟", "democratic", True),
    ("中华全国工商业联合会", "organisation", True), ("中华全国妇女联合会", "organisation", True),
    ("中华全国总工会", "organisation", True),
    ("无党派人士", "non_party", False), ("群众", "masses", False),
]
PARTY_WEIGHTS = [30, 5, 8, 6, 6, 5, 3, 6, 1, 4, 3, 3, 8, 12]

SPECIAL_COMMITTEES = [
    "提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会", "社会和法制委员会",
    "民族和宗教委员会", "港澳台侨委员会", "外事委员会", "文化文史和学习委员会",
]

UNIT_STEMS = [
    "发展和改革", "教育", "科学技术", "工业和信息化", "民族事务", "公安", "民政", "司法", "财政", "人力资源和社会保障",
    "自然资源", "生态环境", "住房和城乡建设", "交通运输", "水利", "农业农村", "商务", "文化和旅游", "卫生健康",
    "退役军人事务", "应急管理", "审计", "国有资产监督管理", "海关", "税务", "市场监督管理", "广播电视", "体育",
    "统计", "国际发展合作", "医疗保障", "机关事务管理", "信访", "粮食和物资储备", "能源", "国防科技工业", "烟草专卖",
    "林业和草原", "铁路", "民用航空", "邮政", "文物", "中医药", "疾病预防控制", "矿山安全监察", "消防救援",
    "药品监督管理", "知识产权", "移民管理", "数据", "乡村振兴", "金融监督管理", "证券监督管理", "外汇管理",
    "气象", "地震", "供销合作", "残疾人联合会", "妇女联合会", "总工会", "共青团", "科学技术协会", "红十字会",
]
UNIT_SUFFIXES = ["局", "委员会", "厅", "办公室", "中心"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健宁鹏飞斌志新海波国庆春梅晓东林峰云雪琳晨宇浩然子涵欣怡俊杰思远嘉颖"

# Topics of proposals: (topic, national class index into CATEGORIES order 经济/政治/文化/社会/生态文明).
TOPICS = [
    ("茶叶产业", 0), ("乡村振兴", 0), ("民营经济", 0), ("中小微企业融资", 0), ("县域经济", 0), ("数字经济", 0),
    ("农村电商", 0), ("粮食安全", 0), ("种业振兴", 0), ("新能源汽车产业", 0), ("现代物流体系", 0),
    ("营商环境", 0), ("高标准农田建设", 0), ("文旅融合", 0), ("特色农产品品牌", 0), ("集体经济", 0),
    ("基层治理", 1), ("法治政府建设", 1), ("政务服务一网通办", 1), ("基层减负", 1), ("民主监督", 1),
    ("社区网格化管理", 1), ("信访工作", 1), ("行政执法规范化", 1),
    ("非物质文化遗产保护", 2), ("公共文化服务", 2), ("传统村落保护", 2), ("全民阅读", 2), ("红色旅游资源", 2),
    ("地方戏曲传承", 2), ("历史文化街区保护", 2),
    ("养老服务", 3), ("义务教育", 3), ("医疗保障", 3), ("职业教育", 3), ("托育服务", 3), ("住房保障", 3),
    ("就业创业", 3), ("食品安全", 3), ("基层医疗卫生", 3), ("心理健康服务", 3), ("学前教育", 3),
    ("残疾人就业", 3), ("新就业形态劳动者权益", 3), ("农村留守儿童关爱", 3), ("慢性病管理", 3),
    ("生态保护补偿", 4), ("河湖长制", 4), ("垃圾分类", 4), ("农村人居环境整治", 4), ("水土保持", 4),
    ("大气污染防治", 4), ("碳达峰碳中和", 4), ("长江大保护", 4), ("国家公园建设", 4), ("耕地保护", 4),
]
VERBS = ["加快", "推进", "完善", "加强", "支持", "促进", "健全", "优化", "做好", "深化"]
SITUATION = [
    "近年来，{topic}取得了积极进展，但与人民群众的期待相比仍有差距。",
    "据调研，{topic}方面的投入逐年增加，但资金使用效率不高，项目落地慢。",
    "基层反映，{topic}存在政策衔接不够、部门协同不足的问题，群众获得感不强。",
    "从全国情况看，{topic}区域发展不平衡，中西部地区和农村地区短板明显。",
    "{topic}相关法规制度还不健全，标准体系不完善，监管存在薄弱环节。",
    "人才短缺是制约{topic}的突出问题，专业队伍数量不足、结构不优、待遇偏低。",
    "部分地方对{topic}重视不够，考核评价机制不完善，工作推进力度层层递减。",
    "随着经济社会发展，{topic}面临新情况新问题，原有的工作方式已不适应形势需要。",
    "以中药材等特色产业为例，产业链条短、附加值低、品牌影响力弱的问题比较普遍。",
    "数据共享和信息化水平不高，{topic}的统计口径不一，难以形成工作合力。",
]
SUGGESTIONS = [
    "一是加强顶层设计，将{topic}纳入规划，明确目标任务和责任分工。",
    "二是加大财政投入，设立专项资金，引导社会资本参与{topic}。",
    "三是健全法规制度，加快出台配套政策，完善标准体系和监管机制。",
    "四是加强人才队伍建设，完善培养、引进和激励机制，提高基层待遇。",
    "五是强化考核督导，把{topic}纳入绩效考核，定期通报进展。",
    "六是推动数据共享，建设统一的信息平台，提高{topic}的数字化水平。",
    "七是开展试点示范，及时总结推广好经验好做法。",
]
# Added to some bodies (bench.generate: about 15% and 3%), so the 4-character phrase and the 2-character
# word searched by bench.run occur mid-sentence in more proposals than those of their own topic.
RURAL = "在全面推进乡村振兴的背景下，{topic}与农民增收、产业发展的联系更加紧密。"
TEA = "山区县的茶叶、食用菌等特色产业可以带动{topic}。"
REPLY_TEXT = (
    "您提出的《{title}》收悉。经认真研究，现答复如下：一、关于加强顶层设计的建议，我们已会同有关部门开展研究；"
    "二、关于加大投入的建议，已在年度预算中统筹安排；三、关于完善制度的建议，将结合实际加快推进。感谢您对我们工作的关心和支持。"
)
