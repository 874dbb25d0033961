"""Nothing refused goes live, on any publish path, for any page type or record type.

The matrix is generated: every page type and publishable record type of the model registry ×
every way the admin or the system publishes (create and publish, edit and publish, workflow
approval, scheduling then publish_scheduled, bulk publish, revert and publish, copy with publish).
For each type, tests/matrix.py builds the admin form data of a version that passes every publish
rule and, where a rule concerns the type, a form-valid version that breaks one (found by trying
variants against the active rule set). A refused version must end as a draft that is kept, with
the refusal in the audit log; a passing version must go live, which proves each path really
publishes.
"""

import datetime
import re
from dataclasses import dataclass
from functools import cached_property

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import querydict_from_html

from cms.publishing.guard import REFUSED_LOG_ACTION, force_publication, violations_for
from cms.publishing.models import active_ruleset
from tests.factories import attach_file, make_document
from tests.matrix import DOMAIN_SAMPLES, FormData, is_page_type, page_types, publishable_record_models

REFUSED, PASSING = "refused", "passing"
# What makes a record or page unique: kept when another version's fields are copied onto it.
IDENTITY = set(DOMAIN_SAMPLES) | {"slug", "title"}
INLINE_KEY = re.compile(r"^[a-z_]+-(\d+-|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)")


def rule_section_codes():
    return [code for rule in active_ruleset().of_kind("publish") for code in rule.params.get("sections", [])]


def parent_for(model, home):
    """A page of the portal (or of another portal, for a type only some portals hold, or the tree
    root) under which the type may be created."""
    for page in [*home.get_descendants(inclusive=True).specific(), *Page.objects.order_by("path").specific()]:
        if model.can_create_at(page):
            return page
    raise AssertionError(f"no page of the portal can hold a {model.__name__}")


@dataclass
class Case:
    model: type
    kind: str
    data: dict
    parent: object

    @cached_property
    def label(self):
        return f"{self.model.__name__}:{self.kind}"


class Admin:
    """An administrator driving the real admin views."""

    def __init__(self, client, user, home):
        self.client, self.user, self.home = client, user, home

    def cases(self, model):
        parent = parent_for(model, self.home) if is_page_type(model) else None
        form_data = FormData(model, self.user, parent)
        passing = refused = None
        for data in form_data.variants(extra_values=[("section_code", code) for code in rule_section_codes()]):
            with form_data.instance_from(data) as obj:
                if obj is None:
                    continue
                broken = bool(violations_for(obj))
            if broken and refused is None:
                refused = data
            elif not broken and passing is None:
                passing = data
        assert passing is not None, f"no form data of {model.__name__} passes the publish rules"
        yield Case(model, PASSING, passing, parent)
        if refused is not None:
            yield Case(model, REFUSED, refused, parent)

    # -- urls --------------------------------------------------------------------------------

    def add_url(self, case):
        if is_page_type(case.model):
            meta = case.model._meta
            return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, case.parent.pk])
        return reverse(case.model.snippet_viewset.get_url_name("add"))

    def edit_url(self, obj):
        if isinstance(obj, Page):
            return reverse("wagtailadmin_pages:edit", args=[obj.pk])
        return reverse(type(obj).snippet_viewset.get_url_name("edit"), args=[obj.pk])

    def revert_url(self, obj, revision):
        if isinstance(obj, Page):
            return reverse("wagtailadmin_pages:revisions_revert", args=[obj.pk, revision.pk])
        return reverse(type(obj).snippet_viewset.get_url_name("revisions_revert"), args=[obj.pk, revision.pk])

    def workflow_action_url(self, obj, task_state):
        if isinstance(obj, Page):
            return reverse("wagtailadmin_pages:workflow_action", args=[obj.pk, "approve", task_state.pk])
        name = type(obj).snippet_viewset.get_url_name("workflow_action")
        return reverse(name, args=[obj.pk, "approve", task_state.pk])

    # -- actions -----------------------------------------------------------------------------

    def post(self, url, data):
        response = self.client.post(url, data)
        assert response.status_code in (200, 302), (url, response.status_code)
        return response

    def create(self, case, action=None, **overrides):
        newest = case.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.post(self.add_url(case), {**case.data, **overrides, **({action: action} if action else {})})
        obj = case.model.objects.filter(pk__gt=newest).order_by("pk").first()
        assert obj is not None, f"{case.label}: the admin created nothing"
        return obj

    def current_form(self, obj, url):
        """What the editor's browser would post back from the form at url, as a dict of lists."""
        form_id = "page-edit-form" if isinstance(obj, Page) else "w-editor-form"
        return dict(querydict_from_html(self.client.get(url).content.decode(), form_id=form_id).lists())

    def edit(self, obj, data, action="action-publish", url=None):
        """Open the edit form, change the fields data names (inline lists stay as they are), submit."""
        url = url or self.edit_url(obj)
        fields = {key: value for key, value in data.items() if not INLINE_KEY.match(key)}
        self.post(url, {**self.current_form(obj, url), **fields, **self.same_slug(obj), action: action})
        return self.reload(obj)

    def same_slug(self, obj):
        return {"slug": obj.slug} if isinstance(obj, Page) else {}

    def reload(self, obj):
        return type(obj).objects.get(pk=obj.pk)


# -- the publish paths -----------------------------------------------------------------------
# Each takes the admin and a case and returns the object whose live state is then checked, or
# None when the path is not offered for the type.

def create_and_publish(admin, case):
    return admin.create(case, "action-publish")


def edit_and_publish(admin, case):
    return admin.edit(admin.create(case), case.data)


def workflow_approval(admin, case):
    draft = admin.create(case)
    if draft.get_workflow() is None:
        return None
    draft = admin.edit(draft, case.data, action="action-submit")
    for _step in range(5):
        task_state = draft.current_workflow_task_state
        if task_state is None:
            break
        admin.post(admin.workflow_action_url(draft, task_state), {"comment": ""})
        draft = admin.reload(draft)
    return draft


def schedule_then_publish_scheduled(admin, case):
    draft = admin.create(case)
    go_live = timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    draft = admin.edit(draft, {**case.data, "go_live_at": go_live})
    revision = draft.latest_revision
    if case.kind == REFUSED:
        assert revision.approved_go_live_at is None, f"{case.label}: a refused version was scheduled"
    # The hour passes; a version refused today may have been scheduled before its rule existed.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=revision.content)
    call_command("publish_scheduled")
    return admin.reload(draft)


def bulk_publish(admin, case):
    if not is_page_type(case.model) or not bulk_action_registry.get_bulk_action_class("wagtailcore", "page", "publish"):
        return None
    draft = admin.create(case)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    admin.post(f"{url}?id={draft.pk}&next=/admin/", {})
    return admin.reload(draft)


def revert_and_publish(admin, case):
    first = admin.create(case)
    first_revision = first.latest_revision
    passing = {key: value for key, value in admin.cases_passing[case.model].data.items() if key not in IDENTITY}
    published = admin.edit(first, passing)
    assert published.live, f"{case.label}: the passing version did not go live before the revert"
    url = admin.revert_url(published, first_revision)
    admin.post(url, {**admin.current_form(published, url), "action-publish": "action-publish"})
    return admin.reload(published)


def copy_with_publish(admin, case):
    if not is_page_type(case.model) or case.parent.is_root():
        return None
    source = admin.create(case)
    with force_publication(source, admin.user, "Bản được xuất bản trước khi quy tắc có hiệu lực."):
        source.get_latest_revision().publish(user=admin.user)
    slug = f"{source.slug}-ban-sao"
    admin.post(reverse("wagtailadmin_pages:copy", args=[source.pk]), {
        "new_title": f"{source.title} (bản sao)", "new_slug": slug, "new_parent_page": case.parent.pk,
        "publish_copies": "on",
    })
    return case.model.objects.get(slug=slug, path__startswith=case.parent.path)


PATHS = [create_and_publish, edit_and_publish, workflow_approval, schedule_then_publish_scheduled, bulk_publish,
         revert_and_publish, copy_with_publish]


def refusal_logged(obj):
    return log_registry.get_logs_for_instance(obj).filter(action=REFUSED_LOG_ACTION).exists()


def check(case, obj):
    """What is wrong with obj after the path ran on the case, or None."""
    if case.kind == PASSING:
        return None if obj.live else "a passing version did not go live"
    live_version = obj if obj.live else None
    if live_version is not None and violations_for(obj):
        return "a refused version is live"
    if not obj.latest_revision_id:
        return "the draft was lost"
    if not refusal_logged(obj):
        return "the refusal was not logged"
    return None


@pytest.fixture
def admin(client, province, taxonomy, superuser):
    client.force_login(superuser)
    # Something to attach and to cite, so every inline list of a record can be filled.
    attach_file(make_document(province["root"], taxonomy["decree"], "1/2025/NĐ-CP"))
    return Admin(client, superuser, province["portals"]["justice"].site.root_page.specific)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS, ids=[path.__name__ for path in PATHS])
def test_nothing_refused_goes_live(admin, path):
    models = page_types() + publishable_record_models()
    cases = [case for model in models for case in admin.cases(model)]
    admin.cases_passing = {case.model: case for case in cases if case.kind == PASSING}
    refused_types = {case.model for case in cases if case.kind == REFUSED}
    assert len(refused_types) >= 5, refused_types  # the rules concern articles, drafts, sections and records
    problems, offered = [], 0
    for case in cases:
        obj = path(admin, case)
        if obj is None:
            continue
        offered += 1
        problem = check(case, obj)
        if problem:
            problems.append(f"{case.label}: {problem}")
    assert offered, f"{path.__name__} was tried on no type"
    assert not problems, "\n".join(problems)
