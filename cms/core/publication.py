"""The publication gate: a page or record goes live only if every registered gate lets it.

Every way Wagtail makes an object live from a revision ends in the object's public `publish()`:
the editor's publish button, create-and-publish, scheduled publishing (`publish_scheduled`), bulk
publish, workflow approval, revert-and-publish and code calling `revision.publish()`. The content
bases (PortalPage, PublishableRecord) inherit `publish()` from GatedPublicationMixin, which asks
the gates first.

An object can also be inserted already live, without a revision: Wagtail's "add page, then
publish" inserts the page live before it publishes, copying a live page inserts a live copy, and
importers and scripts insert rows. An insert of a live object is a publication too: if a gate
refuses it, the object is inserted as a draft.

The rules themselves belong to a higher layer (cms.publishing), which registers its gate at
start-up; this module only knows that gates exist.
"""

from typing import Protocol

from django.utils import timezone


class PublicationGate(Protocol):
    def may_publish(self, revision, *, user, log_action) -> bool:
        """True to go ahead, False to skip quietly (already handled); raise to refuse loudly."""

    def may_insert_live(self, obj) -> bool:
        """Whether obj, not yet saved, may be inserted live."""

    def inserted_as_draft(self, obj) -> None:
        """Called once obj, refused by may_insert_live, has been saved as a draft."""


_gates = []


def register_publication_gate(gate: PublicationGate):
    if gate not in _gates:
        _gates.append(gate)


def publication_gates():
    return tuple(_gates)


class GatedPublicationMixin:
    """For models with Wagtail's DraftStateMixin (pages included): publications pass the gates."""

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None,
                skip_permission_checks=False):
        for gate in publication_gates():
            if not gate.may_publish(revision, user=user, log_action=log_action):
                return None
        return super().publish(
            revision, user=user, changed=changed, log_action=log_action, previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    def save(self, *args, **kwargs):
        refusing = []
        if self._state.adding and self.live:
            refusing = [gate for gate in publication_gates() if not gate.may_insert_live(self)]
        if refusing:
            self._keep_as_draft()
        elif self._state.adding and self.live:
            self._date_the_publication()
        result = super().save(*args, **kwargs)
        for gate in refusing:
            gate.inserted_as_draft(self)
        return result

    def _date_the_publication(self):
        """A live insert is published now, unless it says when it was (an import of older content)."""
        self.first_published_at = self.first_published_at or timezone.now()
        self.last_published_at = self.last_published_at or self.first_published_at

    def _keep_as_draft(self):
        self.live = False
        self.has_unpublished_changes = True
        self.first_published_at = self.last_published_at = None
        self.live_revision = None
