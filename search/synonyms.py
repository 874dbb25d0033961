"""Other wordings of a query: abbreviations and everyday words (search/synonyms.yaml, reviewed data,
each entry with its reason), and the question and function words a query may carry
(search/question_words.yaml).

Both engines search the query as typed and, beside it, its variants: the query with a phrase it
contains replaced by another wording of it ("sổ đỏ" by "giấy chứng nhận quyền sử dụng đất"). The
search page tells the user which wordings were searched too ("Đã tìm cả: …").
Abbreviations work both ways (BHXH finds "bảo hiểm xã hội" and the other way round); everyday
words only lead to the official wording. Words inside a document number are never replaced.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cms.core.text import tokens

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")
QUESTION_WORDS_FILE = Path(__file__).with_name("question_words.yaml")
MAX_VARIANTS = 6


@dataclass(frozen=True)
class Expansion:
    found: str  # the query's words, as typed
    alternatives: tuple  # the other wordings searched too, as the data writes them


@lru_cache(maxsize=1)
def _wordings():
    """{folded token tuple: (other wordings, as written)}."""
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    table = {}

    def add(key, wording):
        found = table.setdefault(tuple(tokens(key)), [])
        if tokens(wording) != tokens(key) and wording not in found:
            found.append(wording)

    for entry in data["abbreviations"]:
        shorts = [entry["short"], *entry.get("also", [])]
        for short in shorts:
            add(short, entry["full"])
        add(entry["full"], entry["short"])
    for entry in data["everyday"]:
        for words in entry["words"]:
            add(words, entry["official"])
    return {key: tuple(wordings) for key, wordings in table.items() if key and wordings}


@lru_cache(maxsize=1)
def _longest_key():
    return max(map(len, _wordings()))


@lru_cache(maxsize=1)
def _question_words():
    """(folded phrases, longest first; folded single words) that ask rather than name."""
    data = yaml.safe_load(QUESTION_WORDS_FILE.read_text(encoding="utf-8"))
    phrases = sorted((tuple(tokens(phrase)) for phrase in data["phrases"]), key=len, reverse=True)
    return phrases, frozenset(word for phrase in data["words"] for word in tokens(phrase))


def content_words(words):
    """The folded words that name what is searched for, without the question and function words
    (all of them when every word asks)."""
    phrases, single = _question_words()
    kept, position = [], 0
    while position < len(words):
        phrase = next((phrase for phrase in phrases if tuple(words[position:position + len(phrase)]) == phrase), None)
        if phrase:
            position += len(phrase)
            continue
        if words[position] not in single:
            kept.append(words[position])
        position += 1
    return kept or list(words)


@dataclass
class Wordings:
    """A query's words and the wordings searched beside them."""

    words: list  # folded tokens of the query
    spans: list  # [(start, end, Expansion)] over `words`, in order, not overlapping

    @property
    def expansions(self):
        return [expansion for _start, _end, expansion in self.spans]

    def variants(self):
        """The query's folded words with one phrase replaced by one of its other wordings, then with
        every phrase replaced by its first; at most MAX_VARIANTS, the query itself excluded."""
        found = []
        for start, end, expansion in self.spans:
            for wording in expansion.alternatives:
                found.append(self.words[:start] + tokens(wording) + self.words[end:])
        if len(self.spans) > 1:
            every = list(self.words)
            for start, end, expansion in reversed(self.spans):
                every[start:end] = tokens(expansion.alternatives[0])
            found.append(every)
        unique = []
        for variant in found:
            if variant not in unique and variant != self.words:
                unique.append(variant)
        return unique[:MAX_VARIANTS]


def wordings(query):
    """The query's Wordings: its phrases found in the data, longest first, outside document numbers."""
    words, shown, spans = [], [], []
    for typed in query.split():
        part = tokens(typed)
        if any(ch.isdigit() for ch in typed):
            part = [(word, None) for word in part]  # a number's parts are never replaced
        else:
            part = [(word, typed) for word in part]
        for word, source in part:
            words.append(word)
            shown.append(source)
    start = 0
    while start < len(words):
        end = _longest_match(words, shown, start)
        if end is None:
            start += 1
            continue
        typed = " ".join(dict.fromkeys(source for source in shown[start:end]))
        spans.append((start, end, Expansion(typed, _wordings()[tuple(words[start:end])])))
        start = end
    return Wordings(words, spans)


def _longest_match(words, shown, start):
    for end in range(min(len(words), start + _longest_key()), start, -1):
        if None not in shown[start:end] and tuple(words[start:end]) in _wordings():
            return end
    return None
