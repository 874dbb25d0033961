"""The publish-time gate: nothing goes live while it breaks a publish rule of the active rule set.

Every way Wagtail makes a page or snippet live ends in PublishRevisionAction.execute (the page
action subclasses it): the editor's publish button, scheduled publishing (publish_scheduled),
bulk publish, workflow approval, revert-and-publish and code calling revision.publish(). The gate
wraps that one method. The admin hooks (wagtail_hooks.py) call the same checks earlier to show a
friendly message; this gate is what makes the rule hold on every other path.

A scheduled revision that breaks a rule when its time comes is not published: its schedule is
cleared and the refusal is written to the audit log, so the publish_scheduled run goes on.
An administrator may force a publication with a written reason (force_publication), which is
logged with the rules it overrides.
"""

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.log_actions import log

from cms.publishing.rules import active_ruleset

logger = logging.getLogger("cong.publishing")
SCHEDULED_LOG_ACTION = "wagtail.publish.scheduled"

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
    """Raised when a publication breaks publish rules; str() lists every rule with its article."""

    def __init__(self, obj, violations):
        self.object = obj
        self.violations = violations
        super().__init__([str(violation) for violation in violations])


def violations_for(obj, ruleset=None):
    ruleset = ruleset or active_ruleset()
    found = []
    for rule in ruleset.of_kind("publish"):
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


def _refuse_scheduled(action, found):
    action.revision.approved_go_live_at = None
    action.revision.save(update_fields=["approved_go_live_at"])
    log(instance=action.object, action="cong.publish.refused", revision=action.revision,
        data={"scheduled": True, "violations": [violation.as_data() for violation in found]})
    logger.warning("scheduled publication refused: %s pk=%s", action.object, action.object.pk)


_original_execute = PublishRevisionAction.execute


def guarded_execute(action, skip_permission_checks=False):
    obj = _specific(action.object)
    found = violations_for(obj)
    if found and _is_forced(obj):
        _log_forced(obj, found)
    elif found and action.log_action == SCHEDULED_LOG_ACTION:
        _refuse_scheduled(action, found)
        return None
    elif found:
        raise PublishRefused(obj, found)
    return _original_execute(action, skip_permission_checks=skip_permission_checks)


def install():
    """Wrap PublishRevisionAction.execute once (called from PublishingConfig.ready)."""
    if PublishRevisionAction.execute is not guarded_execute:
        PublishRevisionAction.execute = guarded_execute
