"""The publish rules as a publication gate (cms.core.publication): nothing goes live while it breaks
a publish rule of the rule set in force on the day (and of the province's chosen set, where it
checks more: cms.publishing.rules.gate_rules).

The gate is asked by `publish()` of the content bases, which every publication path calls
(the editor's button, create-and-publish, scheduled publishing, bulk publish, workflow approval,
revert-and-publish, code), and before a live object is inserted (create-and-publish of a page,
copying a live page, imports). A refusal leaves nothing live, keeps the draft, is written to the
audit log, and names each rule with its article. The admin hooks (wagtail_hooks.py) call the same
checks earlier to show a friendly message; this gate is what makes the rules hold on every path.

A scheduled revision that breaks a rule when its time comes is not published: its schedule is
cleared and the refusal logged, so the publish_scheduled run goes on. An administrator may force a
publication with a written reason (force_publication), logged with the rules it overrides.
"""

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.publishing.models import active_ruleset
from cms.publishing.rules import gate_rules

logger = logging.getLogger("cong.publishing")
SCHEDULED_LOG_ACTION = "wagtail.publish.scheduled"
REFUSED_LOG_ACTION = "cong.publish.refused"

_forced = contextvars.ContextVar("forced_publication", default=None)


@dataclass(frozen=True)
class Violation:
    rule: object
    missing: tuple

    def __str__(self):
        return _("%(message)s Còn thiếu: %(missing)s. (%(article)s)") % {
            "message": self.rule.message, "missing": "; ".join(self.missing), "article": self.rule.article_label,
        }

    def as_data(self):
        return {"rule": self.rule.id, "article": self.rule.article, "missing": list(self.missing)}


class PublishRefused(ValidationError):
    """Raised when a publication breaks publish rules; str() lists every rule with its article.

    The refusal is written to the audit log when the transaction it happened in commits; if that
    transaction is rolled back (workflow approval runs in one), `logged` stays False and whoever
    handles the exception logs it (cms.publishing.middleware)."""

    def __init__(self, obj, violations, revision=None, user=None):
        self.object, self.violations, self.revision, self.user = obj, violations, revision, user
        self.logged = False
        super().__init__([str(violation) for violation in violations])

    def log(self):
        if not self.logged:
            log_refusal(self.object, self.violations, self.revision, self.user)
            self.logged = True


def violations_for(obj, day=None):
    """The publish rules `obj` breaks if it goes live on `day` (today by default)."""
    found = []
    for rule in gate_rules(active_ruleset(), day or timezone.localdate()):
        missing = rule.function(obj, rule)
        if missing:
            found.append(Violation(rule, tuple(missing)))
    return found


def _specific(obj):
    return obj.specific if hasattr(obj, "specific_class") else obj


@contextmanager
def force_publication(obj, user, reason):
    """Let this object go live despite broken rules; the reason and the rules are logged."""
    token = _forced.set((type(_specific(obj)), obj.pk, user, reason))
    try:
        yield
    finally:
        _forced.reset(token)


def _is_forced(obj):
    forced = _forced.get()
    return forced is not None and forced[1] == obj.pk and isinstance(obj, forced[0])


def _log_forced(obj, found):
    _model, _pk, user, reason = _forced.get()
    log(instance=obj, action="cong.publish.forced", user=user,
        data={"reason": reason, "violations": [violation.as_data() for violation in found]})


def log_refusal(obj, found, revision=None, user=None, **data):
    log(instance=obj, action=REFUSED_LOG_ACTION, revision=revision, user=user,
        data={**data, "violations": [violation.as_data() for violation in found]})
    logger.warning("publication refused: %s pk=%s", obj, obj.pk)


class RuleGate:
    """The active rule set's publish rules, asked before anything goes live."""

    def may_publish(self, revision, *, user, log_action):
        obj = _specific(revision.as_object())
        found = violations_for(obj)
        if not found:
            return True
        if _is_forced(obj):
            _log_forced(obj, found)
            return True
        if log_action == SCHEDULED_LOG_ACTION:
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            log_refusal(obj, found, revision, scheduled=True)
            return False
        refused = PublishRefused(obj, found, revision, user)
        transaction.on_commit(refused.log)
        raise refused

    def may_insert_live(self, obj):
        return not violations_for(obj)

    def inserted_as_draft(self, obj):
        log_refusal(obj, violations_for(obj), inserted=True)
