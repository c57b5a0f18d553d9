"""The draft text as a Word document in official-document layout (GB/T 9704, pragmatically).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 2号 (22 pt) 小标宋
(宋体 bold where that font is missing), centred; the body in 3号 (16 pt) 仿宋_GB2312 with a
two-character first-line indent and a fixed 28.9 pt line pitch (22 lines a page); the page number
"— 1 —" in 4号 宋体 at the foot, outside edge alternating as the standard asks is left to Word.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.figures import chinese_date
from reports.summary import Summary

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
BODY_FONT = "仿宋_GB2312"
LINE_PITCH = Pt(28.9)


def _fonts(run, name, size, bold=False):
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _spacing(paragraph, *, indent=True):
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 16 pt


def _page_number(section):
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(paragraph.add_run("— "), "宋体", Pt(14))
    run = paragraph.add_run()
    _fonts(run, "宋体", Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
    _fonts(paragraph.add_run(" —"), "宋体", Pt(14))


def summary_document(summary: Summary) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(21)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(title, indent=False)
    title.paragraph_format.line_spacing = Pt(36)
    _fonts(title.add_run(f"{summary.committee.name}{summary.period.label}工作总结（统计部分）"), TITLE_FONT, Pt(22))

    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(subtitle, indent=False)
    _fonts(subtitle.add_run(f"（数据截至{chinese_date(summary.as_of)}）"), "楷体_GB2312", Pt(16))
    document.add_paragraph()

    for sentence in summary.sentences:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _spacing(paragraph)
        _fonts(paragraph.add_run(sentence), BODY_FONT, Pt(16))
    _page_number(section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

