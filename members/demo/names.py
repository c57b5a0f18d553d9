"""Made-up but realistic people: names, identity numbers, phones, all from a seeded random generator.

Names follow the frequency of Chinese surnames (王李张刘陈 first) with one- or two-character given
names of the bearer's generation; well-known people and the people named in the seed are never produced.
Identity numbers carry the real GB 11643 check digit and the 紫阳县 area code 610924, so they pass
the same validation as imported rosters.
"""

import datetime
import random
from dataclasses import dataclass

# Approximate share of the population, in tenths of a percent (national figures, a few local names
# of the Ankang area such as 储 and 鲁 a little higher).
SURNAMES = {
    "王": 71, "李": 70, "张": 67, "刘": 54, "陈": 48, "杨": 31, "黄": 22, "赵": 20, "吴": 20, "周": 19,
    "徐": 16, "孙": 15, "马": 14, "朱": 13, "胡": 13, "郭": 11, "何": 11, "高": 10, "林": 10, "罗": 9,
    "郑": 8, "梁": 8, "谢": 7, "宋": 7, "唐": 7, "许": 6, "韩": 6, "冯": 6, "邓": 6, "曹": 5,
    "彭": 5, "曾": 5, "肖": 5, "田": 5, "董": 5, "袁": 4, "潘": 4, "于": 4, "蒋": 4, "蔡": 4,
    "余": 4, "杜": 4, "叶": 4, "程": 4, "苏": 4, "魏": 4, "吕": 3, "丁": 3, "任": 3, "沈": 3,
    "姚": 3, "卢": 3, "姜": 3, "崔": 3, "钟": 3, "谭": 3, "陆": 3, "汪": 4, "范": 3, "金": 2,
    "石": 2, "廖": 2, "贾": 2, "夏": 2, "付": 2, "方": 2, "白": 2, "邹": 2, "孟": 2, "熊": 2,
    "秦": 2, "邱": 2, "江": 2, "尹": 2, "薛": 2, "段": 2, "雷": 2, "侯": 2, "龙": 2, "史": 2,
    "陶": 2, "贺": 2, "顾": 2, "毛": 2, "郝": 2, "龚": 2, "邵": 2, "万": 2, "覃": 1, "储": 2,
    "鲁": 2, "柯": 1, "向": 1, "屈": 1, "蒲": 1,
}
# Given names people of these generations actually carry, older ones first; single characters
# were commoner before the 1980s.
MALE_OLDER = (
    "建国 建华 建军 建平 国强 国华 国庆 志强 志刚 志明 志华 德明 德胜 春生 永红 永刚 永平 玉林 学文 "
    "明亮 长青 振兴 福林 兴华 成林 培林 光明 家兴 少华 昌平 忠林 庆国 新民 卫东 卫国 红军 世军 "
    "正平 文斌 文华 宏伟 海波 世林 朝阳 开明 立新 祥云 和平 金山"
).split()
MALE_YOUNGER = (
    "晓东 晓峰 俊杰 云峰 海涛 鹏飞 俊峰 志远 文博 嘉伟 海军 建兵 伟东 剑锋 亚军 东升 文涛 "
    "志勇 志军 振宇 建波 海龙 小龙 少鹏 永杰 国栋 红星 建伟 立伟 晓军 鹏程"
).split()
MALE_SINGLE = "军 伟 勇 斌 强 刚 磊 涛 杰 峰 波 华 明 平 林 辉 鹏 超 浩 毅 健 彬".split()
FEMALE_OLDER = (
    "秀英 桂英 玉兰 秀兰 凤英 淑珍 丽华 红梅 春梅 玉梅 金凤 翠兰 美玲 桂芳 秀珍 素芬 玉珍 "
    "兰英 国英 建英 小红 丽萍 秀芳 春兰"
).split()
FEMALE_YOUNGER = (
    "晓燕 海燕 丽娟 晓丽 艳红 雪梅 慧敏 婷婷 晶晶 小燕 丽君 秀丽 丽丽 亚玲 彩霞 小梅 晓红 "
    "艳丽 莉莉 琳琳 晓敏 晓琳 文静 玉洁 春燕 丽霞 红霞"
).split()
FEMALE_SINGLE = "静 敏 丽 红 娟 燕 霞 芳 萍 琴 莉 慧 婷 倩 丹 艳 琳 颖".split()
# Well-known people and the people named in the seed: a demo must not put words in their mouths.
AVOID = {
    "李强", "王毅", "李鹏", "刘翔", "姚明", "李宁", "王菲", "周迅", "李娜", "刘洋", "陈云", "王震", "彭真",
    "朱德", "陈毅", "贺龙", "马云", "雷军", "王石", "丁磊", "胡锦涛", "王岐山", "李克强", "刘华清", "张勇",
    "王军霞", "郭晶晶", "刘国梁", "孙杨", "杨威", "张艺谋", "王刚", "陈红", "刘涛", "李冰冰", "范冰冰",
    "吴振华", "张振江", "王长敏", "李宏英", "刘云峰", "杨志辉", "王华清", "孙万勇", "王忠勋", "吴显东",
    "于继先", "黄伟生", "艾文礼",
}
MINORITIES = {"回族": 3, "土家族": 3, "满族": 1, "苗族": 1}
AREA_CODE = "610924"  # 紫阳县
OTHER_AREAS = ["610902", "610921", "610925", "610928"]  # 汉滨区、汉阴县、岚皋县、旬阳县
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "180", "189"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


@dataclass
class Person:
    name: str
    gender: str  # "M" or "F", as Member.Gender
    ethnicity: str
    birth_date: datetime.date
    id_number: str
    phone: str


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: weighted sum of the first 17 digits modulo 11."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


class PersonFactory:
    """Hands out people who are unique by identity number and phone, deterministic for a seed."""

    def __init__(self, seed, ids: set | None = None, phones: set | None = None):
        self.rng = random.Random(seed)
        # Shared sets, so several factories (one per term) never repeat a number between them.
        self.ids = ids if ids is not None else set()
        self.phones = phones if phones is not None else set()
        self._surnames = list(SURNAMES)
        self._weights = list(SURNAMES.values())

    def person(self, *, born_between: tuple[int, int], female_share=0.3, minority_share=0.03) -> Person:
        rng = self.rng
        gender = "F" if rng.random() < female_share else "M"
        ethnicity = (
            rng.choices(list(MINORITIES), weights=list(MINORITIES.values()))[0]
            if rng.random() < minority_share else "汉族"
        )
        birth = datetime.date(rng.randint(*born_between), 1, 1) + datetime.timedelta(days=rng.randrange(365))
        return Person(
            name=self.name(gender, birth.year), gender=gender, ethnicity=ethnicity, birth_date=birth,
            id_number=self.id_number(gender, birth), phone=self.phone(),
        )

    def name(self, gender: str, birth_year: int) -> str:
        rng = self.rng
        female = gender == "F"
        if rng.random() < (0.35 if birth_year < 1965 else 0.2):
            pool = FEMALE_SINGLE if female else MALE_SINGLE
        elif birth_year < 1975:
            pool = FEMALE_OLDER if female else MALE_OLDER
        else:
            pool = FEMALE_YOUNGER if female else MALE_YOUNGER
        while True:
            surname = rng.choices(self._surnames, weights=self._weights)[0]
            name = surname + rng.choice(pool)
            if name not in AVOID:
                return name

    def id_number(self, gender: str, birth: datetime.date) -> str:
        rng = self.rng
        area = AREA_CODE if rng.random() < 0.85 else rng.choice(OTHER_AREAS)
        while True:
            # The 17th digit is odd for men and even for women.
            sequence = f"{rng.randrange(100):02d}{rng.choice('13579' if gender == 'M' else '02468')}"
            first17 = f"{area}{birth:%Y%m%d}{sequence}"
            value = first17 + id_check_digit(first17)
            if value not in self.ids:
                self.ids.add(value)
                return value

    def phone(self) -> str:
        while True:
            value = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if value not in self.phones:
                self.phones.add(value)
                return value

    def choose(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]
