"""Inline SVG charts for the admin (no JavaScript library): ranking bars and score trends."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 18
LABEL_WIDTH = 220
BAR_WIDTH = 360


def _colour(score):
    return "#1a7f37" if score >= 80 else "#b58105" if score >= 50 else "#c62828"


def bar_chart(rows):
    """rows: (label, score 0-100), drawn in the given order."""
    height = max(1, len(rows)) * (BAR_HEIGHT + 6)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{LABEL_WIDTH + BAR_WIDTH + 60}" '
             f'height="{height}" aria-label="Xếp hạng điểm tuân thủ">']
    for index, (label, score) in enumerate(rows):
        y = index * (BAR_HEIGHT + 6)
        width = round(BAR_WIDTH * max(0.0, min(score, 100.0)) / 100)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end" font-size="12">{escape(label[:40])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" fill="{_colour(score)}"/>'
            f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 13}" font-size="12">{score:.1f}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def sparkline(values, width=240, height=48):
    """A score trend (0-100), oldest first."""
    if not values:
        return ""
    step = width / max(1, len(values) - 1)
    points = " ".join(f"{round(i * step, 1)},{round(height - height * v / 100, 1)}" for i, v in enumerate(values))
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'aria-label="Diễn biến điểm tuân thủ"><polyline fill="none" stroke="#1565c0" stroke-width="2" points="{points}"/></svg>'
    )
