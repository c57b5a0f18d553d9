"""Inline SVG bar charts for the admin dashboards: drawn on the server, no script, no CDN."""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cppcc.rates import Rate
from reports.figures import Table, shown

COLOURS = ("#2e6da4", "#d9534f", "#5cb85c", "#f0ad4e")
LABEL_WIDTH = 170
BAR_WIDTH = 300
VALUE_WIDTH = 70
BAR = 16
GAP = 10
LEGEND = 22


def numeric(value) -> float:
    if isinstance(value, Rate):
        return float(value.percent) if value.percent is not None else 0.0
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    return 0.0


def _short(text, limit=12) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(table: Table) -> str:
    """Horizontal bars, one group per row of `table`, one bar per series of its chart; values written beside."""
    spec = table.chart
    if spec is None or not table.rows:
        return ""
    labels = table.values(spec.category)
    series = [(table.columns[table.column_index(key)].heading, table.values(key)) for key in spec.series]
    percent = spec.percent or all(isinstance(v, Rate) for _h, values in series for v in values)
    top = max((numeric(v) for _h, values in series for v in values), default=0)
    scale = 100.0 if percent else (top or 1.0)
    group = BAR * len(series) + GAP
    legend = LEGEND if len(series) > 1 else 0
    height = legend + group * len(labels) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" aria-label="{}" '
        'viewBox="0 0 {} {}" width="100%" style="max-width:{}px">', spec.title, width, height, width,
    ), format_html("<title>{}</title>", spec.title)]
    if legend:
        x = LABEL_WIDTH
        for index, (heading, _values) in enumerate(series):
            colour = COLOURS[index % len(COLOURS)]
            parts.append(format_html('<rect x="{}" y="4" width="12" height="12" fill="{}"/>', x, colour))
            parts.append(format_html('<text x="{}" y="14" font-size="12">{}</text>', x + 16, heading))
            x += 24 + 13 * len(str(heading))
    for row, label in enumerate(labels):
        y0 = legend + GAP + row * group
        parts.append(format_html(
            '<text x="{}" y="{}" font-size="12" text-anchor="end"><title>{}</title>{}</text>',
            LABEL_WIDTH - 6, y0 + BAR * len(series) / 2 + 4, label, _short(label),
        ))
        for index, (_heading, values) in enumerate(series):
            value = values[row]
            length = round(BAR_WIDTH * numeric(value) / scale, 1) if scale else 0
            y = y0 + index * BAR
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                LABEL_WIDTH, y + 1, length, BAR - 2, COLOURS[index % len(COLOURS)], label, shown(value),
            ))
            parts.append(format_html(
                '<text x="{}" y="{}" font-size="11">{}</text>', LABEL_WIDTH + length + 4, y + BAR - 4, shown(value),
            ))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))

