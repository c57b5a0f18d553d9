"""Printed forms (.docx): each form carries what the office prints, never identity numbers; the
committee's own template is used, a broken one is refused; only those concerned may print."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from cppcc.services import file_store
from proposals import paper, services
from proposals.models import PaperTemplate
from proposals.selectors import settings_for
from tests import factories
from tests.proposals.conftest import PDF

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ID_NUMBER = "110101199003071234"


def text_of(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def get_docx(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX
    return text_of(response.content), response


def a_template(*lines) -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(client, user, kind, data, name="我们的提案单.docx", committee=None):
    client.force_login(user)
    return client.post(reverse("paper_forms:upload", args=[kind]), {
        "committee": committee.pk, "note": "县政协办公室版", "file": SimpleUploadedFile(name, data),
    })


@pytest.fixture
def joint_case(world):
    world.proposer.phone, world.proposer.id_number = "13800001111", ID_NUMBER
    world.proposer.save()
    world.cosigner.phone = "13900002222"
    world.cosigner.save()
    return world.accepted(joint=True, situation="茶叶产业规模小。\n品牌弱。", contact_phone="0915-7654321")


# ---- what each form says


def test_the_proposal_form(client, world, joint_case):
    p = joint_case
    text, response = get_docx(client, world.proposer.user, reverse("proposals:paper_proposal", args=[p.pk]))
    assert f"{world.committee.name}提案单" in text
    assert p.case_number and p.case_number in text and p.receipt_number in text
    assert p.title in text and "品牌弱" in text and "扶持龙头企业" in text
    assert "王芳" in text and "李明" in text and "教育界" in text and "民盟" in text
    assert "第一提案人" in text and "联名提案人" in text and "0915-7654321" in text
    assert "提案人（签名）" in text
    assert ID_NUMBER not in text and "110101" not in text  # never, masked or not
    # The proposer sees their own phone; the co-signer's only masked.
    assert "13800001111" in text and "139****2222" in text and "13900002222" not in text
    assert "filename*=UTF-8''%E6%8F%90%E6%A1%88%E5%8D%95" in response["Content-Disposition"]  # 提案单


def test_a_co_signer_sees_the_first_proposers_phone_masked(client, world, joint_case):
    text, _ = get_docx(client, world.cosigner.user, reverse("proposals:paper_proposal", args=[joint_case.pk]))
    assert "138****1111" in text and "13800001111" not in text and "13900002222" in text


def test_the_list_of_cases(client, world):
    first, (a1,) = world.assigned(title="关于加快茶叶产业发展的提案")
    second, _ = world.assigned(units=[(world.unit2, "lead"), (world.unit3, "co")], title="关于改善农村饮水的提案")
    world.submitted(title="尚未立案的提案")
    text, _ = get_docx(client, world.secretariat, reverse("paper_forms:case_list", args=[world.session.pk]))
    assert f"{world.committee.name}{world.session}提案目录" in text and "共2件" in text
    assert first.case_number in text and second.case_number in text
    assert "关于改善农村饮水的提案" in text and "尚未立案的提案" not in text
    assert "县财政局（主办）、县卫健局（会办）" in text and "县教育局" in text and "王芳" in text


def test_the_units_list(client, world):
    single, _ = world.assigned(title="单办的案")
    co, _ = world.assigned(units=[(world.unit2, "lead"), (world.unit, "co")], title="会办的案")
    world.assigned(units=[(world.unit3, "single")], title="别的单位的案")
    text, response = get_docx(client, world.liaison, reverse("proposals:paper_unit_list", args=[world.unit.pk]))
    assert f"{world.committee.name}提案交办清单" in text and "承办单位：县教育局" in text and "共2件" in text
    assert "单办的案" in text and "会办的案" in text and "别的单位的案" not in text
    assert "单办" in text and "会办" in text and single.case_number in text
    assert "交办清单" in response["Content-Disposition"] or "%E4%BA%A4%E5%8A%9E" in response["Content-Disposition"]


def test_the_evaluation_form_blank_and_filled(client, world):
    p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    url = reverse("proposals:paper_evaluation", args=[reply.pk])
    text, _ = get_docx(client, world.proposer.user, url)
    assert f"{world.committee.name}提案办理情况征询意见表" in text and p.title in text and "县教育局" in text
    assert "☐满意" in text and "☐基本满意" in text and "☐不满意" in text and "☑" not in text
    assert "办理过程" not in text  # the committee rates overall only

    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="basic", comment="望加快落实")
    text, _ = get_docx(client, world.proposer.user, url)
    assert "☐满意" in text and "☑基本满意" in text and "☐不满意" in text and "望加快落实" in text


def test_the_evaluation_form_of_a_committee_rating_separately(client, world):
    rules = settings_for(world.committee)
    rules.rate_separately = True
    rules.save()
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    text, _ = get_docx(client, world.secretariat, reverse("proposals:paper_evaluation", args=[reply.pk]))
    assert "办理过程" in text and "办理结果" in text


# ---- the committee's own templates


def test_an_uploaded_template_is_used(client, world, joint_case):
    data = a_template("紫阳县政协提案单（本县格式）", "案由：{{ title }}", "{% for p in proposers %}{{ p.name }} {% endfor %}")
    response = upload(client, world.secretariat, "proposal_form", data, committee=world.committee)
    assert response.status_code == 302
    template = PaperTemplate.objects.get(committee=world.committee, kind="proposal_form")
    assert template.file.name == "我们的提案单.docx" and template.uploaded_by == world.secretariat
    text, _ = get_docx(client, world.proposer.user, reverse("proposals:paper_proposal", args=[joint_case.pk]))
    assert "紫阳县政协提案单（本县格式）" in text and f"案由：{joint_case.title}" in text and "王芳 李明" in text
    # Other forms and other committees keep the built-in ones.
    assert paper.uploaded_template(world.committee.pk, "case_list") is None

    # The office downloads it again, and goes back to the built-in one.
    client.force_login(world.secretariat)
    assert client.get(reverse("file_download", args=[template.file_id])).status_code == 200
    assert client.post(reverse("paper_forms:remove", args=[template.pk])).status_code == 302
    assert not PaperTemplate.objects.exists()
    text, _ = get_docx(client, world.proposer.user, reverse("proposals:paper_proposal", args=[joint_case.pk]))
    assert "本县格式" not in text and f"{world.committee.name}提案单" in text


@pytest.mark.parametrize("data, name, code, detail", [
    (a_template("第一段", "案由：{{ title "), "坏模板.docx", "broken", "“案由：{{ title"),
    (a_template("{% for p in proposers %}{{ p.name }}"), "没有结尾.docx", "broken", "endfor"),
    (PDF, "其实是PDF.docx", "bad_type", "DOCX"),
    (b"PK\x03\x04 not a zip at all", "坏压缩包.docx", "bad_type", "DOCX"),
])
def test_a_broken_template_is_refused_with_a_message(client, world, data, name, code, detail):
    response = upload(client, world.secretariat, "proposal_form", data, name=name, committee=world.committee)
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code == code and detail in " ".join(error.messages)
    assert detail in response.content.decode()
    assert not PaperTemplate.objects.exists()


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ title|attr('__class__') }}",
    "{{ settings.SECRET_KEY }}",
])
def test_a_template_reaching_beyond_its_fields_is_refused_at_upload(client, world, payload):
    response = upload(client, world.secretariat, "proposal_form", a_template("案由：{{ title }}", payload),
                      committee=world.committee)
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code == "broken"
    assert not PaperTemplate.objects.exists()


def test_a_stored_template_with_an_escape_prints_nothing_of_the_server(client, world, joint_case, settings):
    """One uploaded before the sandbox existed: the member's 提案单 falls back to the built-in form."""
    stored = file_store(content=a_template("{{ cycler.__init__.__globals__.os.environ }}"), name="旧.docx",
                        user=world.secretariat)
    PaperTemplate.objects.create(committee=world.committee, kind="proposal_form", file=stored)
    text, _ = get_docx(client, world.proposer.user, reverse("proposals:paper_proposal", args=[joint_case.pk]))
    assert f"{world.committee.name}提案单" in text
    assert settings.SECRET_KEY not in text and "environ" not in text


def test_a_stored_template_that_fails_falls_back_to_the_built_in_one(client, world, joint_case):
    stored = file_store(content=a_template("{{ title "), name="坏.docx", user=world.secretariat)
    PaperTemplate.objects.create(committee=world.committee, kind="proposal_form", file=stored)
    text, _ = get_docx(client, world.proposer.user, reverse("proposals:paper_proposal", args=[joint_case.pk]))
    assert f"{world.committee.name}提案单" in text


def test_the_built_in_templates_carry_their_tags(client, world):
    client.force_login(world.secretariat)
    for kind in ("proposal_form", "case_list", "unit_list", "evaluation_form"):
        response = client.get(reverse("paper_forms:builtin", args=[kind]))
        assert response.status_code == 200 and response["Content-Type"] == DOCX
        assert "{{ committee }}" in text_of(response.content)
    assert client.get(reverse("paper_forms:builtin", args=["nonsense"])).status_code == 404


def test_the_built_in_templates_pass_the_upload_check():
    """The shipped forms ask for nothing beyond the documented fields, so an office may start from them."""
    from cppcc.wordtemplates import check_template

    for kind in ("proposal_form", "case_list", "unit_list", "evaluation_form"):
        check_template(paper.builtin_bytes(kind), paper.SAMPLE_CONTEXTS[kind])


def test_the_admin_page_lists_the_forms(client, world):
    client.force_login(world.secretariat)
    response = client.get(reverse("paper_forms:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for kind in ("proposal_form", "case_list", "unit_list", "evaluation_form"):
        assert reverse("paper_forms:upload", args=[kind]) in html
    assert reverse("paper_forms:case_list", args=[world.session.pk]) in html


def test_only_the_secretariat_changes_templates(client, world):
    response = upload(client, world.reviewer, "proposal_form", a_template("{{ title }}"), committee=world.committee)
    assert response.status_code == 302 and not PaperTemplate.objects.exists()


def test_another_committees_secretariat_cannot_upload_for_ours(client, world, other_committee):
    clerk = factories.user_with_role("secretariat", other_committee)
    response = upload(client, clerk, "proposal_form", a_template("{{ title }}"), committee=world.committee)
    assert response.status_code == 200 and "committee" in response.context["form"].errors
    assert not PaperTemplate.objects.exists()


# ---- who may print


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_a_member_prints_only_their_own_proposals(client, world, joint_case):
    url = reverse("proposals:paper_proposal", args=[joint_case.pk])
    stranger = world.member("张三")
    assert _status(client, stranger.user, url) == 404
    assert _status(client, world.cosigner.user, url) == 200
    assert _status(client, world.reviewer, url) == 200
    assert _status(client, world.liaison, url) == 404


def test_a_draft_is_printed_by_its_proposer_and_the_secretariat_only(client, world):
    url = reverse("proposals:paper_proposal", args=[world.draft().pk])
    assert _status(client, world.proposer.user, url) == 200
    assert _status(client, world.secretariat, url) == 200
    assert _status(client, world.reviewer, url) == 404


def test_a_unit_prints_only_its_own_list(client, world):
    world.assigned()
    assert _status(client, world.liaison, reverse("proposals:paper_unit_list", args=[world.unit.pk])) == 200
    assert _status(client, world.leader, reverse("proposals:paper_unit_list", args=[world.unit.pk])) == 200
    assert _status(client, world.liaison2, reverse("proposals:paper_unit_list", args=[world.unit.pk])) == 404
    assert _status(client, world.proposer.user, reverse("proposals:paper_unit_list", args=[world.unit.pk])) == 404


def test_the_evaluation_form_goes_to_the_evaluators_only(client, world):
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    url = reverse("proposals:paper_evaluation", args=[reply.pk])
    assert _status(client, world.proposer.user, url) == 200
    assert _status(client, world.member("张三").user, url) == 404
    assert _status(client, world.liaison, url) == 404


def test_a_draft_reply_has_no_form(client, world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    assert _status(client, world.secretariat, reverse("proposals:paper_evaluation", args=[reply.pk])) == 404


def test_the_case_list_is_for_the_committees_staff(client, world, other_committee):
    url = reverse("paper_forms:case_list", args=[world.session.pk])
    assert _status(client, world.reviewer, url) == 200
    assert _status(client, factories.user_with_role("secretariat", other_committee), url) == 404


# ---- links on the pages


def test_links_on_the_pages(client, world):
    p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    client.force_login(world.secretariat)
    html = client.get(reverse("proposal_admin:inspect", args=[p.pk])).content.decode()
    assert reverse("proposals:paper_proposal", args=[p.pk]) in html
    assert reverse("proposals:paper_evaluation", args=[reply.pk]) in html
    client.force_login(world.proposer.user)
    html = client.get(reverse("proposals:member_detail", args=[p.pk])).content.decode()
    assert reverse("proposals:paper_proposal", args=[p.pk]) in html
    assert reverse("proposals:paper_evaluation", args=[reply.pk]) in html
    client.force_login(world.liaison)
    html = client.get(reverse("proposals:unit_assignments")).content.decode()
    assert f'{reverse("proposals:paper_unit_list", args=[world.unit.pk])}?session={world.session.pk}' in html


# ---- query counts: the lists do not grow per case


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_lists_query_the_same_at_any_size(world):
    world.assigned()
    small_cases = _count(lambda: paper.case_list_context(world.session))
    small_unit = _count(lambda: paper.unit_list_context(world.unit, world.session))
    for i in range(4):
        world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")], title=f"第{i}件")
    assert paper.case_list_context(world.session)["count"] == 5
    assert paper.unit_list_context(world.unit, world.session)["count"] == 5
    assert _count(lambda: paper.case_list_context(world.session)) == small_cases
    assert _count(lambda: paper.unit_list_context(world.unit, world.session)) == small_unit


def test_the_admin_page_queries_the_same_at_any_size(client, world):
    client.force_login(world.secretariat)
    url = reverse("paper_forms:index")
    client.get(url)
    small = _count(lambda: client.get(url))
    for number in range(2, 6):
        world.make_session(number=number)
    for kind in ("proposal_form", "case_list"):
        stored = file_store(content=paper.builtin_bytes(kind), name=f"{kind}.docx", user=world.secretariat)
        PaperTemplate.objects.create(committee=world.committee, kind=kind, file=stored, uploaded_by=world.secretariat)
    response = client.get(url)
    assert response.content.decode().count("paper_forms/case-list/") == 5
    assert _count(lambda: client.get(url)) == small
