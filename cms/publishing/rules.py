"""Publishing rules as data: rule sets are YAML files in rulesets/, checks are registered functions.

A rule names its article, its kind (structural, publish, compliance, operational), its parameters
and its Vietnamese message; its `check` names a Python function registered here with @check. Items
the digest marks as not confirmed carry `unconfirmed: true` and are shown as such, never dropped.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

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

    def of_kind(self, *kinds):
        return [rule for rule in self.rules if rule.kind in kinds]

    def by_check(self, name):
        return next((rule for rule in self.rules if rule.check == name), None)


def available_rulesets():
    """(code, title) of every rule set file, for the province's choice."""
    return [(path.stem, _read(path.stem)["title"]) for path in sorted(RULESET_DIR.glob("*.yaml"))]


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
        rule = Rule(**entry)
        if rule.kind not in KINDS:
            raise ImproperlyConfigured(f"Rule {rule.id}: unknown kind {rule.kind!r}")
        if rule.check not in CHECKS:
            raise ImproperlyConfigured(f"Rule {rule.id}: unknown check {rule.check!r}")
        rules.append(rule)
    return RuleSet(code=code, title=raw["title"], rules=tuple(rules))
