"""The consultations step of `manage.py load_demo`: the seed's activities and a year of the current term.

Everything goes through consultations.services, replayed at its own dates (cppcc.clock.acting_at), so the
duty ledger, the dated events and the figures as of any cut-off come out as if the office had recorded
them on the day. From the seed (2007): the medical and pharmaceutical market survey (8 towns, 15 villages,
220 questionnaires, 14 problems, 6 suggestions), the 两基 inspection whose 5 suggestions were adopted, the
joint inspection with the people's congress, the forum on commercial bribery with ten departments and the
五五 legal-education forum (6 suggestions). For the current term: the plenary of the session in progress,
standing-committee meetings, a counterpart consultation, a fortnightly forum and training over the past
year, and an upcoming consultation the demo member is invited to. Idempotent: an activity already there
(same committee and topic) is left as it is.
"""

import contextlib
import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations import services
from consultations.models import Activity, ActivityKind, Attendance, Speech
from cppcc import clock
from members.demo.data import BODIES, COMMITTEE, TOWNS, VILLAGES
from members.models import Body, Committee, Member, Sector, SpecialCommittee, Term
from members.models.organisation import chinese_number
from members.models.roles import Role, RoleAssignment

EXTRA_VILLAGES = ["红岩村", "庙坝村", "松树村", "石门村", "凉水村"]


def _at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Demo:
    def __init__(self, committee, today, stdout):
        self.committee = committee
        self.today = today
        self.stdout = stdout
        self.kinds = {k.code: k for k in ActivityKind.objects.filter(committee=committee)}
        self.special = {s.name: s for s in SpecialCommittee.objects.filter(committee=committee)}
        self.bodies = {b.name: b for b in Body.objects.filter(committee=committee)}
        self.sectors = {s.name: s for s in Sector.objects.filter(committee=committee)}
        self.clerk = RoleAssignment.objects.active().filter(committee=committee, role=Role.SECRETARIAT).first().user
        self.created = 0
        self.skipped = 0

    @contextlib.contextmanager
    def at(self, moment):
        """Act at `moment`; days before today are replayed without notices (nobody is told today about them)."""
        with clock.acting_at(moment) as moment:
            past = timezone.localdate(moment) < self.today
            with clock.replaying_history() if past else contextlib.nullcontext():
                yield moment

    def exists(self, topic):
        if Activity.objects.filter(committee=self.committee, topic=topic).exists():
            self.skipped += 1
            return True
        self.created += 1
        return False

    def create(self, *, kind, topic, day, hours=3, organiser=None, bodies=(), partners=(), place="县政协三楼会议室",
               title="", **kw):
        with self.at(_at(day - datetime.timedelta(days=10), 10)):
            return services.activity_create(
                actor=self.clerk, committee=self.committee, kind=self.kinds[kind], topic=topic,
                starts_at=_at(day, 9), ends_at=_at(day, 9 + hours), place=place, sitting_title=title,
                organiser=self.special.get(organiser), invited_bodies=[self.bodies[b] for b in bodies],
                partner_bodies=[self.bodies[b] for b in partners], **kw,
            )

    def invite(self, activity, **kw):
        with self.at(_at(activity.starts_on - datetime.timedelta(days=7), 10)):
            return services.invite(activity=activity, actor=self.clerk, **kw)

    def attend(self, activity, *, seed, leave_share=0.08, absent_share=0.04, late_share=0.03, keep_present=()):
        """Leave requests a week before (approved), sign-ins at the door, the rest closed as absent."""
        rng = random.Random(seed)
        invitations = list(activity.invitations.select_related("member__user").order_by("member__member_number"))
        excused, absent = set(), set()
        for inv in invitations:
            roll = rng.random()
            if inv.member_id in keep_present:
                continue
            if roll < leave_share:
                excused.add(inv.pk)
            elif roll < leave_share + absent_share:
                absent.add(inv.pk)
        reasons = ["外出学习", "因公出差", "身体不适", "参加县人大会议", "单位有紧急任务"]
        with self.at(_at(activity.starts_on - datetime.timedelta(days=3), 15)):
            for inv in invitations:
                if inv.pk not in excused:
                    continue
                if inv.member.user_id:
                    services.leave_request(invitation=inv, actor=inv.member.user, reason=rng.choice(reasons))
                    services.leave_decide(invitation=inv, actor=self.clerk, approve=True)
                else:  # asked by telephone: the office records the excused absence at every sitting
                    reason = f"电话请假：{rng.choice(reasons)}"
                    for row in inv.attendances.all():
                        services.attendance_mark(attendance=row, actor=self.clerk, status="excused", reason=reason)
        for sitting in activity.sittings.order_by("starts_at"):
            rows = list(Attendance.objects.filter(sitting=sitting).select_related("member__user", "invitation"))
            for row in rows:
                if row.invitation_id in excused or row.invitation_id in absent:
                    continue
                late = rng.random() < late_share
                minute = rng.randint(5, 20) if late else -rng.randint(1, 30)
                moment = sitting.starts_at + datetime.timedelta(minutes=minute)
                with self.at(moment):
                    if row.member.user_id:
                        services.sign_in(sitting=sitting, actor=row.member.user, code=sitting.sign_in_code)
                    else:
                        services.attendance_mark(attendance=row, actor=self.clerk,
                                                 status="late" if late else "present",
                                                 minutes_attended=None)
            with self.at(sitting.ends_at + datetime.timedelta(minutes=30)):
                services.sitting_close(sitting=sitting, actor=self.clerk)

    def outputs(self, activity, *, suggestions=(), adopted=0, addressed_to=None, speeches=0, seed=0,
                instruction=None, report=None, places=(), after_days=1):
        rng = random.Random(seed)
        body = self.bodies.get(addressed_to) if addressed_to else None
        moment = _at(activity.starts_on + datetime.timedelta(days=after_days), 16)
        with self.at(moment):
            present = list(Member.objects.filter(attendances__sitting__activity=activity,
                                                 attendances__counted="present").distinct().order_by("member_number"))
            for n, member in enumerate(rng.sample(present, min(speeches, len(present)))):
                services.speech_record(activity=activity, actor=self.clerk, member=member,
                                       mode=Speech.Mode.WRITTEN if n % 3 == 0 else Speech.Mode.ORAL,
                                       title=f"关于{activity.topic[:12]}的发言", text="发言要点。")
            rows = [services.suggestion_record(activity=activity, actor=self.clerk, text=text, addressed_to=body)
                    for text in suggestions]
            for name, kind in places:
                services.place_add(activity=activity, actor=self.clerk, name=name, kind=kind,
                                   visited_on=activity.starts_on)
            if report:
                services.document_add(activity=activity, actor=self.clerk, kind="report", title=report,
                                      text=f"{report}（正文略）")
        if adopted:
            with self.at(moment + datetime.timedelta(days=30)):
                for row in rows[:adopted]:
                    services.suggestion_adopt(suggestion=row, actor=self.clerk, adopted=True,
                                              reason="县政府采纳")
                if instruction:
                    services.instruction_record(activity=activity, actor=self.clerk, leader=instruction[0],
                                                text=instruction[1], given_on=(moment + datetime.timedelta(days=28)).date(),
                                                suggestion=rows[0] if rows else None)
        return rows


def _members_of(term, **filters):
    return list(Member.objects.filter(memberships__term=term, **filters).order_by("member_number"))


def load(stdout=None, today=None) -> list:
    committee = Committee.objects.get(name=COMMITTEE["name"])
    services.kinds_install_defaults(committee)
    today = today or timezone.localdate()
    demo = Demo(committee, today, stdout)
    _seed_year(demo)
    _current_year(demo)
    if stdout:
        stdout.write("  " + _("activities: %(new)d new, %(same)d already there") % {
            "new": demo.created, "same": demo.skipped})
    return []


def _seed_year(demo):
    """The seed's activities of 2007 (the ninth term until 十届一次 in December)."""
    d = datetime.date
    topic = "全县医疗、医药市场情况调研"
    if not demo.exists(topic):
        a = demo.create(kind="research", topic=topic, day=d(2007, 5, 15), hours=8, organiser="教科卫体委员会",
                        bodies=["县卫生局", "县食品药品监督管理局"], place="城关镇等8个乡镇",
                        questionnaires=220, problems_found=14,
                        description="组织市县政协委员，抽调县卫生局、食品药品监督管理局工作人员组成联合调查组，"
                                    "采取全面调查与问卷调查相结合的方式开展调研。")
        term = Term.objects.get(committee=demo.committee, number=9)
        medical = _members_of(term, memberships__sector__name="医药卫生界")[:8]
        demo.invite(a, members=medical)
        demo.attend(a, seed=1, leave_share=0, absent_share=0)
        villages = (VILLAGES + EXTRA_VILLAGES)[:15]
        places = [(t, "town") for t in TOWNS[:8]] + [(v, "village") for v in villages]
        demo.outputs(a, seed=1, speeches=2, addressed_to="县卫生局", places=places,
                     report="关于全县医疗、医药市场情况的调研报告",
                     suggestions=["加强对乡村医疗机构的监督管理", "严厉打击无证行医和非法售药", "规范药品进货渠道和票据管理",
                                  "加强乡村医生培训", "建立医疗医药市场联合执法机制", "加大合理用药宣传"])
    topic = "“两基”攻坚达标视察"
    if not demo.exists(topic):
        a = demo.create(kind="inspection", topic=topic, day=d(2007, 9, 12), hours=8, organiser="教科卫体委员会",
                        bodies=["县教育局"], place="各乡镇、学校")
        term = Term.objects.get(committee=demo.committee, number=9)
        demo.invite(a, sector=demo.sectors["教育界"])
        demo.attend(a, seed=2)
        demo.outputs(a, seed=2, speeches=3, addressed_to="县教育局", adopted=5,
                     places=[(t, "town") for t in TOWNS[:4]] + [("城关中学", "site"), ("双安小学", "site")],
                     instruction=("县长", "请县教育局按政协视察建议逐条落实，确保通过国家验收。"),
                     report="关于我县“两基”攻坚达标工作的视察报告",
                     suggestions=["加大“两基”经费投入", "改善农村学校办学条件", "控制辍学率", "加强教师队伍建设",
                                  "完善迎检档案资料"])
    topic = "与县人大联合视察城市建设和村道硬化"
    if not demo.exists(topic):
        a = demo.create(kind="inspection", topic=topic, day=d(2007, 10, 16), hours=7, organiser="经济委员会",
                        partners=["县人大常委会"], bodies=["县住房和城乡建设局"] if "县住房和城乡建设局" in demo.bodies else (),
                        place="江北四个乡镇")
        demo.invite(a, sector=demo.sectors["经济界"])
        demo.attend(a, seed=3)
        demo.outputs(a, seed=3, speeches=2, report="关于江北四个乡镇村级道路硬化的视察报告",
                     places=[("洄水镇", "town"), ("双桥镇", "town"), ("绕溪乡", "town"), ("麻柳镇", "town")],
                     suggestions=[f"村道硬化建议{n}" for n in range(1, 7)])
    topic = "治理商业贿赂专项工作座谈会"
    if not demo.exists(topic):
        ten = [b[1] for b in BODIES if b[1] in demo.bodies][:10]
        if "县治理商业贿赂领导小组办公室" not in ten:
            ten = ["县治理商业贿赂领导小组办公室"] + ten[:9]
        a = demo.create(kind="forum", topic=topic, day=d(2007, 3, 20), hours=3, organiser="社会和法制委员会", bodies=ten)
        demo.invite(a, sector=demo.sectors["工商联"])
        demo.attend(a, seed=4)
        demo.outputs(a, seed=4, speeches=4, addressed_to="县治理商业贿赂领导小组办公室",
                     suggestions=["建立治理商业贿赂长效机制", "加强重点行业监管", "畅通举报渠道"])
    topic = "“五五”普法专题座谈会"
    if not demo.exists(topic):
        a = demo.create(kind="forum", topic=topic, day=d(2007, 6, 26), hours=3, organiser="社会和法制委员会",
                        bodies=["县公安局", "县人民检察院", "县人民法院", "县司法局"])
        demo.invite(a, sector=demo.sectors["社会福利和社会保障界"])
        demo.attend(a, seed=5)
        demo.outputs(a, seed=5, speeches=3, addressed_to="县司法局",
                     suggestions=["提高领导干部依法决策水平", "加强农村普法宣传", "把普法纳入干部考核",
                                  "发挥法律援助作用", "加强青少年法制教育", "建设普法阵地"])


def _current_year(demo):
    """A year of meetings of the current term, up to an upcoming consultation next week."""
    term = Term.objects.filter(committee=demo.committee).order_by("-start_date").first()

    session = term.sessions.order_by("-plenary_start").first()
    today = demo.today
    everyone = {"everyone": True}
    standing = {"members": _members_of(term, memberships__is_standing=True)}
    User = get_user_model()
    demo_member = getattr(User.objects.filter(username="member").first(), "member", None)
    keep = {demo_member.pk} if demo_member else set()

    if session is not None:
        topic = f"政协第{chinese_number(term.number)}届委员会第{chinese_number(session.number)}次会议"
        if not demo.exists(topic) and session.plenary_start <= today:
            a = demo.create(kind="plenary", topic=topic, day=session.plenary_start, hours=3, title="开幕大会",
                            place="县会议中心")
            second = session.plenary_start + datetime.timedelta(days=1)
            with demo.at(_at(session.plenary_start - datetime.timedelta(days=10), 11)):
                services.sitting_add(activity=a, actor=demo.clerk, starts_at=_at(second, 14), ends_at=_at(second, 17),
                                     place="县会议中心", title="闭幕大会")
            demo.invite(a, **everyone)
            demo.attend(a, seed=10, keep_present=keep)
            demo.outputs(a, seed=10, speeches=8, after_days=2)

    plan = [
        (-300, "standing", "常委会议：全县经济运行情况专题协商", None, standing, 4),
        (-210, "counterpart", "专委会对口协商：基层医疗卫生服务能力建设", "教科卫体委员会", {"sector": "医药卫生界"}, 3),
        (-150, "fortnightly", "双周协商座谈会：富硒茶产业品牌建设", "经济委员会", {"sector": "农业界"}, 2),
        (-120, "standing", "常委会议：乡村振兴专题协商", None, standing, 3),
        (-90, "training", "委员履职能力培训班", None, everyone, 0),
        (-45, "inspection", "城乡饮水安全工程视察", "人口资源环境委员会", {"sector": "科学技术界"}, 4),
    ]
    for offset, kind, topic, organiser, who, n_suggestions in plan:
        day = today + datetime.timedelta(days=offset)
        if day < term.start_date or demo.exists(topic):
            continue
        a = demo.create(kind=kind, topic=topic, day=day, hours=3, organiser=organiser)
        if "sector" in who:
            who = {"sector": demo.sectors[who["sector"]]}
        demo.invite(a, **who)
        demo.attend(a, seed=offset, keep_present=keep)
        demo.outputs(a, seed=offset, speeches=3, addressed_to="县卫生局" if kind == "counterpart" else None,
                     suggestions=[f"{topic[-10:]}建议{n}" for n in range(1, n_suggestions + 1)],
                     adopted=min(2, n_suggestions))

    topic = "专委会对口协商：医疗市场秩序规范"
    if not demo.exists(topic):
        a = demo.create(kind="counterpart", topic=topic, day=today + datetime.timedelta(days=7), hours=3,
                        organiser="教科卫体委员会", bodies=["县卫生局"])
        with demo.at(_at(today, 9)):
            services.invite(activity=a, actor=demo.clerk, sector=demo.sectors["医药卫生界"])
