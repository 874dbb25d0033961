"""Other wordings of a query: abbreviations and everyday words (search/synonyms.yaml, reviewed data,
each entry with its reason), and the question and function words a query may carry
(search/question_words.yaml).

Both engines search the query as typed and, beside it, its variants: the query with a phrase it
contains replaced by another wording of it ("sổ đỏ" by "giấy chứng nhận quyền sử dụng đất"). The
search page tells the user which wordings were searched too ("Đã tìm cả: …").
Abbreviations work both ways (BHXH finds "bảo hiểm xã hội" and the other way round); everyday
words only lead to the official wording. Words inside a document number are never replaced.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cms.core.text import fold, tokens

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")
QUESTION_WORDS_FILE = Path(__file__).with_name("question_words.yaml")
MAX_VARIANTS = 6
VOWELS = re.compile(r"[aeiouy]")
I_OR_Y = re.compile(r"[hklmst][iy]")
TELEX = re.compile(r"dd|aw|aa|ee|oo|ow|uw|[aeiouy][a-z]*[sfrxj]$")
TELEX_MARKS = re.compile(r"dd|aw|aa|ee|oo|ow|uw")
TELEX_TONE = re.compile(r"(?<=[a-z])[sfrxj]$")


@dataclass(frozen=True)
class Expansion:
    found: str  # the query's words, as typed
    alternatives: tuple  # the other wordings searched too, as the data writes them
    stands_in: bool = False  # whether the words typed stand in for others (an abbreviation, everyday words)


def words_of(text):
    """Lowercase word tokens with their diacritics ("Cấp đổi GCN" -> ["cấp", "đổi", "gcn"]): question
    words are told apart with them ("cần" asks, "căn" names)."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text.lower()))


@lru_cache(maxsize=None)
def _read(path):
    """A data file's content (libyaml's parser where PyYAML has it: the synonyms take 0.7 s in Python's)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _wordings():
    """{folded token tuple: (other wordings, as written)}."""
    data = _read(SYNONYMS_FILE)
    table = {}

    def add(key, wording):
        found = table.setdefault(tuple(tokens(key)), [])
        if tokens(wording) != tokens(key) and wording not in found:
            found.append(wording)

    for entry in data["abbreviations"]:
        for short in [entry["short"], *entry.get("also", [])]:
            add(short, entry["full"])
        add(entry["full"], entry["short"])
    for entry in data["everyday"]:
        for words in entry["words"]:
            add(words, entry["official"])
    return {key: tuple(wordings) for key, wordings in table.items() if key and wordings}


@lru_cache(maxsize=1)
def _stand_ins():
    """The folded token tuples of the abbreviations and everyday words (official text seldom uses them)."""
    data = _read(SYNONYMS_FILE)
    keys = [short for entry in data["abbreviations"] for short in [entry["short"], *entry.get("also", [])]]
    keys += [words for entry in data["everyday"] for words in entry["words"]]
    return frozenset(tuple(tokens(key)) for key in keys)


@lru_cache(maxsize=1)
def _single_words():
    """{folded word: {the one-word keys folding to it, lowercase}}: folded alone, "tự" and "TƯ" (trung
    ương) would meet, so a one-word key with a vowel matches only as written."""
    data = _read(SYNONYMS_FILE)
    keys = [short for entry in data["abbreviations"] for short in [entry["short"], *entry.get("also", [])]]
    keys += [entry["full"] for entry in data["abbreviations"]] + [words for entry in data["everyday"] for words in entry["words"]]
    found = {}
    for key in keys:
        if len(tokens(key)) == 1:
            found.setdefault(tokens(key)[0], set()).add(words_of(key)[0])
    return found


@lru_cache(maxsize=1)
def _longest_key():
    return max(map(len, _wordings()))


@lru_cache(maxsize=1)
def _question_words():
    """(phrases, longest first; single words) that ask rather than name, lowercase with diacritics."""
    data = _read(QUESTION_WORDS_FILE)
    phrases = sorted((tuple(words_of(phrase)) for phrase in data["phrases"]), key=len, reverse=True)
    return phrases, frozenset(word for phrase in data["words"] for word in words_of(phrase))


def content_words(words):
    """The folded words (of lowercase words with diacritics) that name what is searched for, without
    the question and function words (all of them when every word asks)."""
    return [fold(word) for word in asked_about(words)]


def asked_about(words):
    """The words (lowercase, with diacritics) naming what is searched for: `words` without the
    question and function words (all of them when every word asks)."""
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

    words: list  # the query's words (words_of)
    spans: list  # [(start, end, Expansion)] over `words`, in order, not overlapping

    @property
    def expansions(self):
        return [expansion for _start, _end, expansion in self.spans]

    @property
    def concepts(self):
        """[(typed words, [other wording's words, ...])] of the phrases typed that stand in for
        others ("GPLX", "sổ đỏ"): what is sought, which a match must hold in one of its wordings
        (most of the other words alone do not make a match)."""
        return [(self.words[start:end], [_beyond(words_of(wording), self.words[start:end])
                                         for wording in expansion.alternatives])
                for start, end, expansion in self.spans if expansion.stands_in]

    def variants(self):
        """The query's words with one phrase replaced by one of its other wordings, then with every
        phrase replaced by its first; at most MAX_VARIANTS, the query itself excluded."""
        found = []
        for start, end, expansion in self.spans:
            for wording in expansion.alternatives:
                found.append(self.words[:start] + words_of(wording) + self.words[end:])
        if len(self.spans) > 1:
            every = list(self.words)
            for start, end, expansion in reversed(self.spans):
                every[start:end] = words_of(expansion.alternatives[0])
            found.append(every)
        retyped = [untelex(word) for word in self.words]
        found[:0] = [retyped, [respelled(word) for word in retyped]]
        unique = []
        for variant in found:
            if variant not in unique and variant != self.words:
                unique.append(variant)
        return unique[:MAX_VARIANTS]


def _beyond(wording, typed):
    """Another wording without the words it begins or ends with as the typed phrase does ("đăng ký
    đất đai" of "đăng ký đất đai lần đầu" for "làm sổ đỏ lần đầu"): what the phrase stands for. The
    words typed are sought anyway; counted here, they would let "đăng ký ... lần đầu" of any
    procedure stand for the land."""
    folded, typed = [fold(word) for word in wording], [fold(word) for word in typed]
    start, end = 0, len(wording)
    while end - start > 1 and typed and folded[end - 1] == typed[-1]:
        end, typed = end - 1, typed[:-1]
    while end - start > 1 and typed and folded[start] == typed[0]:
        start, typed = start + 1, typed[1:]
    return wording[start:end]


def untelex(word):
    """A word typed with the Telex method on a keyboard without it ("ddawng" for "đăng", "kys" for
    "ký"), folded ("dang", "ky"); any other word unchanged. No Vietnamese word ends in s, f, r, x or j
    after a vowel, nor holds dd, aw, aa, ee, oo, ow or uw."""
    if not word.isascii() or not word.isalpha() or not VOWELS.search(word) or not TELEX.search(word):
        return word
    return TELEX_MARKS.sub(lambda mark: mark[0][0], TELEX_TONE.sub("", word)).replace("w", "")


def respelled(word):
    """The other accepted spelling of a syllable ending in i or y after one consonant: kí and ký, lí
    and lý, mĩ and mỹ, tỉ and tỷ, hi and hy, sĩ and sỹ (folded); any other word unchanged."""
    folded = fold(word)
    if not I_OR_Y.fullmatch(folded):
        return word
    return folded[0] + ("y" if folded[1] == "i" else "i")


@lru_cache(maxsize=1024)
def wordings(query):
    """The query's Wordings: its phrases found in the data, longest first, outside document numbers
    (remembered: a search asks for them several times; not to be changed by callers)."""
    words, replaceable = [], []
    for typed in query.split():
        part = words_of(typed)
        words += part
        replaceable += [not is_number_part(typed)] * len(part)
    spans, start = [], 0
    while start < len(words):
        end = _longest_match(words, replaceable, start)
        if end is None:
            start += 1
            continue
        typed = " ".join(words[start:end])
        key = tuple(map(fold, words[start:end]))
        spans.append((start, end, Expansion(typed, _wordings()[key], key in _stand_ins())))
        start = end
    return Wordings(words, spans)


def is_number_part(typed):
    """Whether a typed word holds a number with separators ("43/2011/NĐ-CP", "66.7/2025"): its parts
    ("nđ", "cp") stay as typed. A code without separators ("KT3", "CT07") is a word like any other."""
    return any(ch.isdigit() for ch in typed) and not typed.isalnum()


def _longest_match(words, replaceable, start):
    for end in range(min(len(words), start + _longest_key()), start, -1):
        key = tuple(map(fold, words[start:end]))
        if all(replaceable[start:end]) and key in _wordings() and _may_match(words[start:end], key):
            return end
    return None


def _may_match(words, key):
    if len(key) > 1 or not VOWELS.search(key[0]):
        return True
    return words[0] in _single_words().get(key[0], ())
