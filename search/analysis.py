"""Analysis shared by every index definition: core-only analyzers and offset-preserving folding.

The test distribution of Elasticsearch has no asciifolding, so folding happens in Python
(cms.core.text.fold). ``fold_aligned`` folds character by character without collapsing whitespace,
so the folded copy of a text has the same length and token offsets as the original: the fast
vector highlighter can then mark "đường" in the original when only the folded field matched.
"""

from elasticsearch_dsl import Text, analyzer, token_filter

from cms.core.text import fold

vi_text = analyzer("vi_text", tokenizer="standard", filter=["lowercase"])
vi_shingle = analyzer(
    "vi_shingle",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_shingle_filter", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=False)],
)


def text_field(**kwargs):
    """A text field with term vectors for highlighting and a shingle subfield for phrase boosts."""
    return Text(
        analyzer=vi_text,
        term_vector="with_positions_offsets",
        fields={"shingle": Text(analyzer=vi_shingle)},
        **kwargs,
    )


class _FoldTable(dict):
    """str.translate table filled on first use: each character maps to one folded character."""

    def __missing__(self, codepoint):
        char = chr(codepoint)
        candidates = [fold(char), char.lower(), char]
        self[codepoint] = next(c for c in candidates if len(c) == 1)
        return self[codepoint]


_FOLD_TABLE = _FoldTable()


def fold_aligned(text):
    """fold() per character: same length as the input, so token offsets line up."""
    return text.translate(_FOLD_TABLE)
