"""Safe highlighted HTML: the source text is always escaped here, and only <mark> is added."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms.core.text import fold

# Private-use characters asked of Elasticsearch as highlight tags, turned into <mark> after escaping.
OPEN, CLOSE = "\ue000", "\ue001"
WORD = re.compile(r"[^\W_]+")


def from_tagged(fragment):
    """Elasticsearch highlight (with OPEN/CLOSE tags, text not encoded) -> safe HTML."""
    return mark_safe(escape(fragment).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def mark_words(text, query):
    """Escape text and mark every word whose folded form is a folded word of the query."""
    wanted = set(fold(query).split())
    parts, last = [], 0
    for match in WORD.finditer(text):
        if fold(match.group()) in wanted:
            parts += [escape(text[last:match.start()]), "<mark>", escape(match.group()), "</mark>"]
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def first_match(text, query):
    """Where the first word of text that is a word of the query starts, or None."""
    wanted = set(fold(query).split())
    return next((m.start() for m in WORD.finditer(text) if fold(m.group()) in wanted), None)


def snippet(text, query, length=240):
    """A window of text around the first matching word, marked and escaped."""
    start = first_match(text, query) or 0
    start = max(0, start - length // 4)
    window = text[start:start + length]
    prefix, suffix = ("… " if start else ""), (" …" if start + length < len(text) else "")
    return mark_safe(prefix + mark_words(window, query) + suffix)
