"""What the query service returns, whichever engine answered."""

from dataclasses import asdict, dataclass, field


MAX_VARIANTS = 5  # other records of a group of near-duplicates shown under its best one


@dataclass
class Variant:
    """Another record of a hit's group of near-duplicates (the same procedure at another level)."""

    title: str
    url: str
    label: str  # what tells it apart: its level


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str  # safe HTML: escaped text, <mark> around matches
    snippet: str  # safe HTML
    url: str
    date: str | None = None
    number: str = ""
    effect_status: str = ""
    in_force: bool = True
    snippet_from_attachment: bool = False  # the snippet quotes an attached file, not the record
    level: str = ""  # a procedure's level, as its label
    variants: list[Variant] = field(default_factory=list)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    suggestion: str = ""
    backend: str = "elasticsearch"
    best_bets: list[Hit] = field(default_factory=list)  # pinned first (search.best_bets)
    expansions: list = field(default_factory=list)  # other wordings searched too (search.synonyms.Expansion)

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    def as_json(self):
        data = asdict(self)
        for name in ("hits", "best_bets"):
            data[name] = [{**hit, "title": str(hit["title"]), "snippet": str(hit["snippet"])} for hit in data[name]]
        data["facets"] = {facet["name"]: facet["values"] for facet in data["facets"]}
        data["pages"] = self.pages
        return data
