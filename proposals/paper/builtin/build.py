"""Build the built-in Word templates of the printed forms (python-docx), with docxtpl (Jinja) tags.

    .venv/bin/python proposals/paper/builtin/build.py

writes proposal_form.docx, case_list.docx, unit_list.docx and evaluation_form.docx beside this file.
The office may download one from the admin ("Paper forms"), change the layout in Word (keeping the
{{ ... }} and {%tr ... %} tags) and upload it for its committee; the variables every form receives are
listed in proposals/paper/__init__.py (VARIABLES) and on that admin page.

Layout: A4, 仿宋 for the text and 宋体 (bold) for the titles, as official forms are printed.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
BODY_FONT, TITLE_FONT = "仿宋", "宋体"
BOXES = "{{{{ {v}.satisfied }}}}满意　　{{{{ {v}.basic }}}}基本满意　　{{{{ {v}.unsatisfied }}}}不满意"


def _font(run, name=BODY_FONT, size=12, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    return run


def new_document(landscape=False):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return doc


def paragraph(doc_or_cell, text="", *, size=12, bold=False, font=BODY_FONT, align=None, space_after=4):
    p = doc_or_cell.add_paragraph()
    if text:
        _font(p.add_run(text), font, size, bold)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def title(doc, text, subtitle=""):
    paragraph(doc, text, size=22, bold=True, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    if subtitle:
        paragraph(doc, subtitle, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10)


def cell_text(cell, text, *, bold=False, size=12, align=None):
    cell.text = ""
    p = cell.paragraphs[0]
    _font(p.add_run(text), BODY_FONT, size, bold)
    if align is not None:
        p.alignment = align


def grid(doc, rows, cols, widths=None):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Cm(width)
    return table


def loop_table(doc, headings, cells, loop, widths):
    """A table: a heading row, then one row per item of `loop` ("c in cases")."""
    table = grid(doc, 4, len(headings), widths)
    for cell, heading in zip(table.rows[0].cells, headings):
        cell_text(cell, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(table.rows[1].cells[0], "{%tr for " + loop + " %}")
    for cell, text in zip(table.rows[2].cells, cells):
        cell_text(cell, text)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    return table


def labelled_rows(doc, rows, widths=(3.6, 13.0)):
    """A two-column form: label | value. A row given as (label, value, "if cond") is shown only when cond holds."""
    count = sum(3 if len(r) > 2 else 1 for r in rows)
    table = grid(doc, count, 2, widths)
    i = 0
    for row in rows:
        label, value = row[0], row[1]
        if len(row) > 2:
            cell_text(table.rows[i].cells[0], "{%tr " + row[2] + " %}")
            i += 1
        cell_text(table.rows[i].cells[0], label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell_text(table.rows[i].cells[1], value)
        i += 1
        if len(row) > 2:
            cell_text(table.rows[i].cells[0], "{%tr endif %}")
            i += 1
    return table


def footer(doc):
    paragraph(doc, "打印时间：{{ printed }}", size=10, align=WD_ALIGN_PARAGRAPH.RIGHT)


def proposal_form():
    doc = new_document()
    title(doc, "{{ committee }}提案单", "{{ session }}")
    paragraph(doc, "案号：{{ case_number }}　　收件号：{{ receipt_number }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    labelled_rows(doc, [
        ("案　由", "{{ title }}"),
        ("提案类型", "{{ kind }}　{{ proposer_type }}"),
        ("提案单位", "{{ organisation }}", "if organisation"),
        ("类　别", "{{ category }}"),
        ("联系电话", "{{ contact_phone }}"),
    ])
    paragraph(doc, "提案人", bold=True, space_after=2)
    loop_table(doc, ["位次", "姓名", "界别", "党派", "联系电话"],
               ["{% if p.first %}第一提案人{% else %}联名提案人{% endif %}", "{{ p.name }}", "{{ p.sector }}", "{{ p.party }}", "{{ p.phone }}"],
               "p in proposers", (2.2, 3.2, 3.8, 3.8, 3.6))
    paragraph(doc, "")
    labelled_rows(doc, [
        ("情况分析", "{{ situation }}"),
        ("具体建议", "{{ suggestions }}"),
        ("建议承办单位", "{{ suggested_units }}"),
        ("审查意见", "{{ outcome }}{% if outcome_reason %}　{{ outcome_reason }}{% endif %}"),
    ])
    paragraph(doc, "")
    paragraph(doc, "提案人（签名）：＿＿＿＿＿＿＿＿　　　　年　　月　　日")
    paragraph(doc, "提案委员会审查意见：＿＿＿＿＿＿＿＿（盖章）　　年　　月　　日")
    footer(doc)
    return doc


def case_list():
    doc = new_document(landscape=True)
    title(doc, "{{ committee }}{{ session }}提案目录", "共{{ count }}件")
    loop_table(doc, ["案号", "案由", "第一提案人", "类别", "承办单位"],
               ["{{ c.number }}", "{{ c.title }}", "{{ c.first_proposer }}", "{{ c.category }}",
                "{% for u in c.units %}{{ u.name }}{% if u.role_code == 'lead' %}（主办）{% elif u.role_code == 'co' %}（会办）{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}"],
               "c in cases", (2.6, 10.0, 4.0, 2.8, 6.0))
    footer(doc)
    return doc


def unit_list():
    doc = new_document()
    title(doc, "{{ committee }}提案交办清单", "{{ session }}")
    paragraph(doc, "承办单位：{{ unit }}　　共{{ count }}件")
    loop_table(doc, ["序号", "案号", "案由", "办理方式", "答复期限"],
               ["{{ a.seq }}", "{{ a.number }}", "{{ a.title }}", "{% if a.role_code == 'lead' %}主办{% elif a.role_code == 'co' %}会办{% elif a.role_code == 'split' %}分办{% else %}单办{% endif %}{% if a.round > 1 %}（重新办理）{% endif %}",
                "{{ a.due }}"],
               "a in assignments", (1.4, 2.6, 7.4, 2.6, 2.6))
    paragraph(doc, "")
    paragraph(doc, "交办单位（盖章）：＿＿＿＿＿＿＿＿　　　　年　　月　　日")
    paragraph(doc, "承办单位签收人：＿＿＿＿＿＿＿＿　　签收日期：　　年　　月　　日")
    footer(doc)
    return doc


def evaluation_form():
    doc = new_document()
    title(doc, "{{ committee }}提案办理情况征询意见表", "{{ session }}")
    labelled_rows(doc, [
        ("案　号", "{{ case_number }}"),
        ("案　由", "{{ title }}"),
        ("提案人", "{{ proposers }}"),
        ("承办单位", "{{ unit }}"),
        ("答复日期", "{{ reply_date }}"),
        ("答复文号", "{{ document_number }}"),
        ("总体评价", BOXES.format(v="overall")),
        ("办理过程", BOXES.format(v="process"), "if rate_separately"),
        ("办理结果", BOXES.format(v="result"), "if rate_separately"),
        ("意见和建议", "{{ comment }}"),
    ])
    paragraph(doc, "＿" * 30)
    paragraph(doc, "＿" * 30)
    paragraph(doc, "＿" * 30)
    paragraph(doc, "")
    paragraph(doc, "提案人（签名）：＿＿＿＿＿＿＿＿　　　　年　　月　　日")
    paragraph(doc, "请在相应的□内打“√”，填好后送交政协提案委员会办公室。", size=10)
    footer(doc)
    return doc


BUILDERS = {
    "proposal_form": proposal_form,
    "case_list": case_list,
    "unit_list": unit_list,
    "evaluation_form": evaluation_form,
}


def main():
    for kind, build in BUILDERS.items():
        path = HERE / f"{kind}.docx"
        build().save(path)
        print(f"wrote {path.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
