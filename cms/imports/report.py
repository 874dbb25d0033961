"""What an import run did, row by row: shared by every import, its command and its admin screen."""

from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.db import transaction

from cms.core.generation import coalesced_bumps


@dataclass
class Outcome:
    row: int
    key: str = ""  # the row's number, code or title
    action: str = ""  # new, published, changed, unchanged, error
    detail: str = ""
    changes: list = field(default_factory=list)  # [field label, before, after] of a changed record


@dataclass
class Report:
    outcomes: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (key, text): what was left out, references not found

    def count(self, action):
        return sum(outcome.action == action for outcome in self.outcomes)

    def as_data(self):
        return {"outcomes": [asdict(outcome) for outcome in self.outcomes], "notes": self.notes}


def errors_text(detail):
    """A DRF ValidationError's detail as one line."""
    if isinstance(detail, dict):
        return "; ".join(f"{name}: {' '.join(map(str, messages))}" for name, messages in detail.items())
    return " ".join(map(str, detail))


@contextmanager
def run_scope(dry_run):
    """A dry run is one transaction, rolled back at the end. A real run commits row by row: its
    progress shows meanwhile, other writers are not held up, and a run stopped half-way keeps what
    it did (a re-run goes on from there). Either way, the cached pages the run makes out of date are
    marked so once, when it ends."""
    with coalesced_bumps():
        if not dry_run:
            yield
            return
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
