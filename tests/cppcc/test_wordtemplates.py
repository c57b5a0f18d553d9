"""Word templates are data, never code: known Jinja escape payloads render nothing and are refused."""

import io
import os

import pytest
from docx import Document

from cppcc.wordtemplates import WordTemplateError, check_template, render_docx

CANARY = "canary-7f3a-not-for-templates"
CONTEXT = {"title": "关于加快茶叶产业发展的提案", "proposers": [{"name": "王芳"}, {"name": "李明"}]}

# Each reaches (or tries to reach) beyond the context: the server's environment, Python's classes,
# a command, a global, the context's mutation, or the server's memory.
PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os.environ['%s'] }}" % "CPPCC_CANARY",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ title.__class__.__mro__ }}",
    "{{ title|attr('__class__') }}",
    "{{ proposers|map(attribute='__class__')|list }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ self._TemplateReference__context }}",
    "{{ namespace(a=1) }}",
    "{{ range(10) }}",
    "{{ config }}",
    "{{ request.environ }}",
    "{{ proposers.append(1) }}",
    "{{ title.format(title) }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 9 ** 9 }}",
]


def docx(*lines) -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.fixture(autouse=True)
def canary(monkeypatch):
    monkeypatch.setenv("CPPCC_CANARY", CANARY)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_escape_payload_is_refused_by_the_check(payload):
    with pytest.raises(WordTemplateError) as refused:
        check_template(docx("案由：{{ title }}", payload), CONTEXT)
    assert str(refused.value)  # a message for the office
    assert CANARY not in str(refused.value)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_escape_payload_renders_nothing_of_the_server(payload):
    """Even unchecked (a template stored before the check existed), the sandbox gives nothing away."""
    try:
        data = render_docx(docx("案由：{{ title }}", payload), CONTEXT)
    except WordTemplateError as exc:
        assert CANARY not in str(exc)
        return
    out = text(data)
    assert CANARY not in out and os.environ.get("PATH", "§") not in out
    for leak in ("<class", "__", "uid=", "environ", "function", "module", "TemplateReference"):
        assert leak not in out, (payload, out)
    assert len(data) < 200_000


def test_the_check_names_what_is_wrong():
    with pytest.raises(WordTemplateError, match="secret_key"):
        check_template(docx("{{ title }} {{ secret_key }}"), CONTEXT)
    with pytest.raises(WordTemplateError, match="__globals__"):
        check_template(docx("{{ title.__globals__ }}"), CONTEXT)


def test_a_template_within_its_fields_passes_and_fills_in():
    data = check_template(docx(
        "案由：{{ title }}",
        "{% for p in proposers %}{{ loop.index }}.{{ p.name }}{{ loop.cycle('，', '') }}{% endfor %}",
        "{{ title|length }} {{ '★' * 3 }} {{ proposers|map(attribute='name')|join('、') }}",
    ), CONTEXT)
    assert text(data).splitlines() == ["案由：关于加快茶叶产业发展的提案", "1.王芳，2.李明", "13 ★★★ 王芳、李明"]


def test_text_is_escaped_into_word_xml():
    data = render_docx(docx("{{ title }}"), {"title": "A&B <w:br/> 茶"})
    assert text(data) == "A&B <w:br/> 茶"


def test_headers_footers_and_properties_are_checked_too():
    doc = Document()
    doc.add_paragraph("{{ title }}")
    doc.sections[0].header.paragraphs[0].text = "{{ cycler.__init__.__globals__ }}"
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(WordTemplateError):
        check_template(out.getvalue(), CONTEXT)

    doc = Document()
    doc.add_paragraph("{{ title }}")
    doc.core_properties.title = "{{ lipsum.__globals__ }}"
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(WordTemplateError):
        check_template(out.getvalue(), CONTEXT)
