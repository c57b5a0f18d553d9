"""A session's proposals in hand-countable states, built through the services (tests/proposals World).

    p_replied   accepted, single unit 县教育局, reply sent (code A), rated 满意
    p_open      accepted, single unit 县财政局, not replied
    p_unassigned accepted, not assigned yet
    p_opinion   converted to an opinion for reference (作参考)
    p_rejected  not accepted (不予立案)
    p_reviewing submitted, not decided (审查中)

So, as of today: received 6, accepted 3 (立案率 50%), 作参考 1, 不予立案 1, 审查中 1, replied 1
(办复率 1/3 = 33.3%), one evaluation 满意 (满意率 100%), adopted 1 of 1 replied (采纳率 100%).
"""

import pytest

from members.periods import Period
from members.models.roles import Role
from proposals import services
from proposals.models import Satisfaction
from tests import factories
from tests.proposals.conftest import World


class Scenario:
    def __init__(self, world: World):
        self.world = w = world
        self.p_replied, (self.a_replied,) = w.assigned(title="关于加快我县茶叶产业发展的提案")
        self.reply = w.sent_reply(self.a_replied, code="A")
        services.evaluation_submit(reply=self.reply, actor=w.proposer.user, overall=Satisfaction.SATISFIED)
        self.p_open, (self.a_open,) = w.assigned(units=[(w.unit2, "single")], title="关于改善农村饮水安全的提案")
        self.p_unassigned = w.accepted(title="关于加强校园安全管理的提案")
        self.p_opinion = services.proposal_convert(
            proposal=w.submitted(title="关于修缮县城老街的提案"), actor=w.reviewer, to="opinion", reason="作参考")
        self.p_rejected = services.proposal_reject(
            proposal=w.submitted(title="关于为本人调整岗位的提案"), actor=w.reviewer, reject_reason=w.reject_reason(),
            reason="个人问题")
        self.p_reviewing = w.submitted(title="关于发展乡村旅游的提案")
        self.period = Period.of_session(w.session)

    @property
    def committee(self):
        return self.world.committee


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)


@pytest.fixture
def scenario(world):
    return Scenario(world)


@pytest.fixture
def chair(committee):
    return factories.user_with_role(Role.CHAIR, committee, username="chair_user")
