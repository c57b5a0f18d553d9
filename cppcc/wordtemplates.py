"""Word (.docx) templates filled in a sandbox: an office's upload is data, never code.

docxtpl fills a .docx with Jinja. Its default environment lets a template reach Python's internals
(`{{ cycler.__init__.__globals__.os.environ }}` printed the server's secrets into a member's 提案单),
so every template, uploaded or shipped, renders here instead:

- an immutable sandbox (Jinja's SandboxedEnvironment) with autoescaping: no attribute or item whose
  name starts with "_", no method calls (a loop's own helpers aside), no mutation of the context;
- no globals at all (Jinja's `range`, `cycler`, `joiner`, `lipsum`, `namespace`, `dict` are gone),
  so a template sees only the documented context it is given;
- bounded arithmetic: `**` is refused and `*` may not build a string or list longer than
  MAX_PRODUCT (no `{{ "x" * 10**9 }}` to fill the server's memory).

`check_template` is what an upload passes before it is accepted: it parses every part docxtpl
renders, refuses a name outside the documented context or a reach for a private attribute, with a
message that names it, and then renders the sample context in the sandbox.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_PRODUCT = 10_000


class WordTemplateError(Exception):
    """A template that cannot be used or filled in; the message says why, for the office."""


class WordSandbox(ImmutableSandboxedEnvironment):
    """Jinja for Word templates: autoescaped, no globals, no calls, no private names, bounded `*`."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self):
        super().__init__(autoescape=True)
        self.globals.clear()

    def is_safe_attribute(self, obj, attr, value):
        return not str(attr).startswith("_") and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj):
        # Only a loop's helpers (loop.cycle(...), loop.changed(...)); the context holds plain data.
        return getattr(obj, "__self__", None).__class__ is LoopContext

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError(_("Powers (**) are not allowed in a template."))
        sizes = [len(x) for x in (left, right) if isinstance(x, (str, list, tuple))]
        counts = [x for x in (left, right) if isinstance(x, int)]
        if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_PRODUCT:
            raise SecurityError(_("A template may not repeat text more than %(n)s characters long.") % {"n": MAX_PRODUCT})
        return super().call_binop(context, operator, left, right)


def _environment() -> WordSandbox:
    return WordSandbox()


def _unbalanced_paragraph(template: bytes) -> str:
    """The first paragraph or cell whose {{ }} / {% %} do not close, to point the office at it."""
    from docx import Document

    try:
        doc = Document(io.BytesIO(template))
    except Exception:
        return ""
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for text in texts:
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            return text[:80]
    return ""


def _explain(exc, template: bytes = b"") -> str:
    if isinstance(exc, WordTemplateError):
        return str(exc)
    if isinstance(exc, (zipfile.BadZipFile, KeyError)):
        return _("The file cannot be opened as a Word .docx document.")
    if isinstance(exc, SecurityError):
        return _("The template reaches for something other than the form's fields (%(detail)s).") % {"detail": exc}
    if isinstance(exc, TemplateSyntaxError):
        where = _unbalanced_paragraph(template)
        if where:
            return _("A {{ … }} or {%% … %%} tag in the template is not closed, in: “%(text)s”") % {"text": where}
        return _("A {{ … }} or {%% … %%} tag in the template is wrong: %(detail)s") % {"detail": exc.message}
    if isinstance(exc, TemplateError):
        return _("A tag in the template cannot be filled in: %(detail)s") % {"detail": exc}
    return _("The template cannot be filled in: %(detail)s") % {"detail": f"{type(exc).__name__}: {exc}"}


def render_docx(template: bytes, context: dict) -> bytes:
    """Fill a docxtpl template in the sandbox; raises WordTemplateError with a readable reason."""
    from docx import Document
    from docxtpl import DocxTemplate

    try:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(context, jinja_env=_environment(), autoescape=True)
        out = io.BytesIO()
        doc.save(out)
        data = out.getvalue()
        Document(io.BytesIO(data))  # the result must open again
    except Exception as exc:  # docxtpl raises zip, XML, Jinja and attribute errors alike
        raise WordTemplateError(_explain(exc, template)) from exc
    return data


def _jinja_sources(template: bytes) -> list[str]:
    """The Jinja source of every part docxtpl fills: body, headers, footers, footnotes, properties."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(template))
    doc.init_docx()
    sources = [doc.patch_xml(doc.get_xml())]
    for uri in (doc.HEADER_URI, doc.FOOTER_URI):
        sources += [doc.patch_xml(doc.get_part_xml(part)) for _key, part in doc.get_headers_footers(uri)]
    footnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    for part in doc.docx._part.package.parts:
        if part.content_type == footnotes:
            blob = part.blob
            sources.append(doc.patch_xml(blob.decode("utf-8") if isinstance(blob, bytes) else blob))
    props = doc.docx.core_properties
    # The string properties docxtpl's render_properties fills.
    sources += [getattr(props, name) or "" for name in ("author", "comments", "identifier", "language", "subject", "title")]
    return sources


def _private_reaches(tree) -> set[str]:
    """Names of the form `_x` the template mentions: an attribute (a._b), an item (a['_b']) or any
    string (`|attr('__class__')`, `|map(attribute='_x')`): no field of a form starts with "_"."""
    found = {n.attr for n in tree.find_all(nodes.Getattr) if n.attr.startswith("_")}
    found |= {n.value for n in tree.find_all(nodes.Const) if isinstance(n.value, str) and n.value.startswith("_")}
    return found


def check_template(template: bytes, sample_context: dict) -> bytes:
    """Accept a template only if it asks for the documented fields alone and fills the sample in the sandbox.

    Returns the sample rendering; raises WordTemplateError naming what is wrong.
    """
    from jinja2 import meta

    env = _environment()
    try:
        trees = [env.parse(source) for source in _jinja_sources(template)]
    except Exception as exc:
        raise WordTemplateError(_explain(exc, template)) from exc
    unknown, private = set(), set()
    for tree in trees:
        unknown |= meta.find_undeclared_variables(tree) - set(sample_context)
        private |= _private_reaches(tree)
    if private:
        raise WordTemplateError(_("The template reaches for hidden attributes (%(names)s); only the form's fields may be used.")
                                % {"names": "、".join(sorted(private))})
    if unknown:
        raise WordTemplateError(_("The template uses names that are not fields of this form: %(names)s.")
                                % {"names": "、".join(sorted(unknown))})
    return render_docx(template, sample_context)
