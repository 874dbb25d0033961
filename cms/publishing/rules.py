"""Publishing rules as data: rule sets are YAML files in rulesets/, checks are registered functions.

A rule names its article, its kind (structural, publish, compliance, operational), its parameters
and its Vietnamese message; its `check` names a Python function registered here with @check. Items
the digest marks as not confirmed carry `unconfirmed: true` and are shown as such, never dropped.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

RULESET_DIR = Path(__file__).parent / "rulesets"
DEFAULT_RULESET = "nd43-2011"
KINDS = ("structural", "publish", "compliance", "operational")

# name -> function; filled by the @check decorator in publish_checks.py and compliance_checks.py,
# which the app imports when it is ready (cms/publishing/apps.py).
CHECKS = {}


def check(name):
    def register(function):
        CHECKS[name] = function
        return function

    return register


@dataclass(frozen=True)
class Rule:
    id: str
    article: str
    kind: str
    check: str
    message: str
    params: dict = field(default_factory=dict)
    unconfirmed: bool = False
    weight: int = 1
    scored: bool = None  # default: every kind counts in the score except operational rules

    @property
    def counts_in_score(self):
        return self.kind != "operational" if self.scored is None else self.scored

    @property
    def function(self):
        return CHECKS[self.check]

    @property
    def article_label(self):
        return f"{self.article} (?)" if self.unconfirmed else self.article


@dataclass(frozen=True)
class RuleSet:
    code: str
    title: str
    rules: tuple
    in_force_from: datetime.date = None
    in_force_to: datetime.date = None  # the last day it applied
    replaced_by: str = ""
    unconfirmed: bool = False  # the set's own text has not been read: every citation carries "(?)"

    def in_force_on(self, day):
        return (self.in_force_from is None or self.in_force_from <= day) and (self.in_force_to is None or day <= self.in_force_to)

    def of_kind(self, *kinds):
        return [rule for rule in self.rules if rule.kind in kinds]

    def by_check(self, name):
        return next((rule for rule in self.rules if rule.check == name), None)


def available_rulesets():
    """(code, title) of every rule set file, for the province's choice."""
    return [(ruleset.code, ruleset.title) for ruleset in all_rulesets()]


def _read(code):
    path = RULESET_DIR / f"{code}.yaml"
    if not path.is_file():
        raise ImproperlyConfigured(f"Unknown rule set {code!r}")
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def load_ruleset(code):
    raw = _read(code)
    rules = []
    for entry in raw["rules"]:
        rule = Rule(**{"unconfirmed": bool(raw.get("unconfirmed")), **entry})
        if rule.kind not in KINDS:
            raise ImproperlyConfigured(f"Rule {rule.id}: unknown kind {rule.kind!r}")
        if rule.check not in CHECKS:
            raise ImproperlyConfigured(f"Rule {rule.id}: unknown check {rule.check!r}")
        rules.append(rule)
    validity = {key: raw[key] for key in ("in_force_from", "in_force_to", "replaced_by", "unconfirmed") if raw.get(key)}
    return RuleSet(code=code, title=raw["title"], rules=tuple(rules), **validity)


@lru_cache(maxsize=None)
def all_rulesets():
    """Every rule set file, read once per process (they ship with the code)."""
    return tuple(load_ruleset(path.stem) for path in sorted(RULESET_DIR.glob("*.yaml")))


def ruleset_in_force(day):
    """The rule set that applied on a day (the newest, should two claim it)."""
    candidates = [ruleset for ruleset in all_rulesets() if ruleset.in_force_on(day)]
    return max(candidates, key=lambda ruleset: ruleset.in_force_from or datetime.date.min, default=None)


def gate_rules(chosen, day, in_force=None):
    """The publish rules a publication on `day` must pass: those of the rule set in force that day
    (the chosen set when no known set covers the day), then those of the province's chosen set
    that check something the set in force does not."""
    in_force = in_force or ruleset_in_force(day) or chosen
    rules = in_force.of_kind("publish")
    checked = {rule.check for rule in rules}
    return rules + [rule for rule in chosen.of_kind("publish") if rule.check not in checked]


def regime_warning(ruleset, day):
    """A warning, in Vietnamese, when the chosen rule set did not apply on `day`; empty otherwise."""
    if ruleset.in_force_on(day):
        return ""
    current = ruleset_in_force(day)
    ended = ruleset.in_force_to or day
    text = _("Bộ quy tắc “%(title)s” đã hết hiệu lực từ ngày %(date)s.") % {
        "title": ruleset.title, "date": (ended + datetime.timedelta(days=1)).strftime("%d/%m/%Y")}
    if current is not None:
        text += " " + _("Văn bản đang có hiệu lực ngày %(day)s: %(title)s.") % {
            "day": day.strftime("%d/%m/%Y"), "title": current.title}
    return text
