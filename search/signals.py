"""Outbox writers. Django and Wagtail send these signals inside the caller's transaction, so the
outbox row commits or rolls back together with the content change."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.core import signals as core_signals
from cms.core.registry import record_type_for, searchable_record_types
from search.models import PAGE, OutboxAction, SearchOutbox


def record_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    action = OutboxAction.UPSERT if instance.live else OutboxAction.DELETE
    SearchOutbox.record(record_type_for(sender).key, [instance.pk], action)


def record_deleted(sender, instance, **kwargs):
    SearchOutbox.record(record_type_for(sender).key, [instance.pk], OutboxAction.DELETE)


def page_was_published(sender, instance, **kwargs):
    SearchOutbox.record(PAGE, [instance.pk], OutboxAction.UPSERT)


def page_was_unpublished(sender, instance, **kwargs):
    SearchOutbox.record(PAGE, [instance.pk], OutboxAction.DELETE)


def page_was_deleted(sender, instance, **kwargs):
    # Deleting a page of any type deletes its base Page row too: one signal per page.
    if sender is Page:
        SearchOutbox.record(PAGE, [instance.pk], OutboxAction.DELETE)


def page_was_moved(sender, instance, **kwargs):
    """A move changes the URL (and maybe the portal) of the page and of everything below it."""
    ids = Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True)
    SearchOutbox.record(PAGE, list(ids), OutboxAction.UPSERT)


def page_slug_was_changed(sender, instance, **kwargs):
    """A new slug changes the URL of every page below. Wagtail sends this just after the commit;
    should the process die in between, `manage.py search reindex` repairs the URLs."""
    page_was_moved(sender, instance)


def agency_scope_changed(sender, agency_ids, **kwargs):
    """Records owned by, or concerning, these agencies now appear on other portals."""
    for rtype in searchable_record_types():
        ids = rtype.model.objects.filter(**{f"{rtype.owner_field}__in": agency_ids}).values_list("pk", flat=True)
        SearchOutbox.record(rtype.key, list(ids), OutboxAction.UPSERT)


def connect():
    for rtype in searchable_record_types():
        post_save.connect(record_saved, sender=rtype.model, dispatch_uid=f"search-save-{rtype.key}")
        post_delete.connect(record_deleted, sender=rtype.model, dispatch_uid=f"search-delete-{rtype.key}")
    page_published.connect(page_was_published, dispatch_uid="search-page-published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid="search-page-unpublished")
    post_delete.connect(page_was_deleted, dispatch_uid="search-page-deleted")
    post_page_move.connect(page_was_moved, dispatch_uid="search-page-moved")
    page_slug_changed.connect(page_slug_was_changed, dispatch_uid="search-page-slug-changed")
    core_signals.agency_scope_changed.connect(agency_scope_changed, dispatch_uid="search-agency-scope")
