"""What the generated test matrices are made of, read from the running project: every admin route
of the URL resolver, every page type and publishable record type of the model registry, and the
admin form data to create any of them.

A new page type, record type, admin view or chooser is in the matrices the day it appears; a form
this module cannot fill makes the matrices fail loudly, never skip.
"""

import datetime
import itertools
import re

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.models import EditingSession
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (Collection, DraftStateMixin, Page, Revision, Site, Task, TaskState, UploadedFile, Workflow,
                            WorkflowState)
from wagtail.test.utils.form_data import rich_text

from cms.core.middleware import view_model
from cms.core.models import Portal
from cms.core.registry import record_types
from cms.documents.models import LegalDocument
from cms.imports.models import ImportRun
from cms.pages.models import PortalPage, PreviewLink

# Scheduling fields stay empty unless a path sets them; booleans keep their default.
LEFT_EMPTY = {"go_live_at", "expire_at", "comment_notifications"}
# Fields whose values are validated against a format the generic samples cannot guess.
DOMAIN_SAMPLES = {
    "number": lambda n: f"{n}/2026/QĐ-KT",
    "code": lambda n: f"9.{n:06d}",
}
_counter = itertools.count(1)
# What portal B's secrets carry (tests/sites/conftest.py); a leak is this string in a response.
MARKER = "BI-MAT-CUA-CONG-B"
SEARCHES = ["", "?q=BI-MAT", "?search=BI-MAT"]  # never the whole marker: a form echoes its query
# Routes that cannot be filled or only act on the session itself.
SKIPPED_NAMES = {"wagtailadmin_logout", "wagtailadmin_error_test", "wagtailadmin_password_reset_confirm"}


# -- routes ----------------------------------------------------------------------------------

def iter_patterns(resolver=None, namespace="", prefix=""):
    """(namespace, name, route, callback) of every named URL pattern."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            child = ":".join(filter(None, [namespace, entry.namespace])) if entry.namespace else namespace
            yield from iter_patterns(entry, child, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry.name, prefix + str(entry.pattern), entry.callback


def route_parameters(route):
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]


# -- admin URLs filled with another portal's objects --------------------------------------------

# Views that do not name the model whose id their URL takes.
UNNAMED_MODELS = {
    "wagtailadmin_pages": Page, "wagtailadmin_api:pages": Page, "wagtailadmin_api:documents": get_document_model(),
    "wagtailadmin_api:images": get_image_model(), "wagtailadmin_workflows:enable": Workflow,
    "wagtailadmin_workflows:edit_task": Task, "wagtailadmin_workflows:enable_task": Task, "imports": ImportRun,
}
# The content type a route's `app_label`/`model_name` names, by namespace.
ROUTE_CONTENT_TYPES = {
    "wagtailadmin_pages": ("pages", "newsarticlepage"), "wagtailadmin_workflows": ("wagtailcore", "groupapprovaltask"),
    "wagtailadmin_editing_sessions": ("pages", "newsarticlepage"), "wagtailsettings": ("themes", "themesettings"),
    "": ("taggit", "tag"),  # the tag autocomplete
}
# Routes the matrices reach another way.
COVERED_ELSEWHERE = {"wagtail_bulk_action"}  # bulk_action_urls: every registered action of every model


def _model_of_view(namespace, name, callback):
    return view_model(callback) or UNNAMED_MODELS.get(f"{namespace}:{name}") or UNNAMED_MODELS.get(namespace)


def _object_for(secrets, model):
    if model is None:
        return None
    return next((obj for cls, obj in secrets.items() if isinstance(cls, type) and issubclass(model, cls)), None)


def _workflow_ids(obj):
    state = WorkflowState.objects.for_instance(obj).first() if obj is not None else None
    task_state = TaskState.objects.filter(workflow_state=state).first() if state else None
    return state, task_state


def _work_in_progress_ids(secrets):
    return {
        "session_id": secrets[EditingSession].pk, "object_id": secrets[EditingSession].object_id,
        "uploaded_file_id": secrets[UploadedFile].pk, "link_id": secrets[PreviewLink].pk,
        "redirect_id": secrets[Redirect].pk,
    }


def parameter_values(secrets, namespace, name, callback):
    """Values for every route parameter this URL could take, filled with B's objects."""
    obj = _object_for(secrets, _model_of_view(namespace, name, callback))
    page = secrets[Page]
    target = obj if obj is not None else page
    revision = Revision.objects.for_instance(target).order_by("-pk").first() if hasattr(target, "revisions") else None
    state, task_state = _workflow_ids(target)
    document_type = ContentType.objects.get_for_model(secrets[LegalDocument])
    app_label, model_name = ROUTE_CONTENT_TYPES.get(namespace, (None, None))
    values = {
        "page_id": page.pk, "parent_page_id": page.pk, "page_to_move_id": page.pk, "destination_id": page.pk,
        "page_pk": page.pk, "viewing_page_id": page.pk, "app_label": app_label, "app_name": app_label,
        "model_name": model_name,
        "content_type_app_name": "pages", "content_type_model_name": "newsarticlepage",
        "image_id": secrets[get_image_model()].pk, "document_id": secrets[get_document_model()].pk,
        "doc_id": secrets[get_document_model()].pk, "collection_id": secrets[Collection].pk,
        "portal_id": secrets[Portal].pk, "workflow_pk": secrets[Workflow].pk, "action_name": "approve",
        "task_id": secrets[Task].pk, "filter_spec": "original", "content_type_id": document_type.pk,
        "slug": "tai-lieu-quan-tri",  # the manual for province administrators only
        "language": "en",
        **_work_in_progress_ids(secrets),
    }
    if namespace == "wagtailsettings":
        values["pk"] = secrets[Site].pk
    elif obj is not None or namespace == "":
        values["pk"] = (obj or secrets[LegalDocument]).pk
    if revision is not None:
        values.update(revision_id=revision.pk, revision_id_a=revision.pk, revision_id_b="latest")
    if state is not None:
        values.update(workflow_state_id=state.pk, task_state_id=task_state.pk if task_state else None)
    return {key: value for key, value in values.items() if value is not None}


def admin_urls(secrets):
    """Every admin URL the resolver knows, filled with B's objects; searches on list views. A route
    whose parameters cannot be filled fails the matrix: it would otherwise go unattacked."""
    urls = set()
    for namespace, name, route, callback in iter_patterns():
        if not route.startswith("admin/") or name in SKIPPED_NAMES | COVERED_ELSEWHERE:
            continue
        full_name = f"{namespace}:{name}" if namespace else name
        params = route_parameters(route)
        values = parameter_values(secrets, namespace, name, callback)
        unfilled = [param for param in params if param not in values]
        assert not unfilled, f"{full_name} ({route}): no value for {unfilled}; add one to tests/matrix.py"
        url = reverse(full_name, kwargs={param: values[param] for param in params})
        urls.update((full_name, url + (search if not params else "")) for search in (SEARCHES if not params else [""]))
    return sorted(urls)


def bulk_action_urls(secrets):
    """The confirmation page of every registered bulk action, for B's objects of its model."""
    urls = []
    for obj in [value for key, value in secrets.items() if isinstance(key, type)] + [secrets["live_page"]]:
        model = type(obj)._meta.concrete_model if not isinstance(obj, Page) else Page
        meta = model._meta
        for action in bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name):
            url = reverse("wagtail_bulk_action", args=[meta.app_label, meta.model_name, action.action_type])
            urls.append((f"bulk:{meta.label}:{action.action_type}", f"{url}?id={obj.pk}&next=/admin/"))
    return urls


def body(response):
    """A response's text, streamed or not."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


# -- the model registry -------------------------------------------------------------------------

def page_types():
    return sorted((model for model in apps.get_models() if issubclass(model, PortalPage)), key=lambda m: m.__name__)


def publishable_record_models():
    return [record_type.model for record_type in record_types() if issubclass(record_type.model, DraftStateMixin)]


def is_page_type(model):
    return issubclass(model, Page)


def edit_handler(model):
    return model.get_edit_handler() if is_page_type(model) else model.snippet_viewset.get_edit_handler()


def bound_form(model, data, user, parent=None, instance=None):
    form_class = edit_handler(model).get_form_class()
    kwargs = {"parent_page": parent} if is_page_type(model) else {}
    return form_class(data, instance=instance or model(), for_user=user, **kwargs)


# -- form data ---------------------------------------------------------------------------------

def _sample(name, field, n):
    """A valid value for a form field, or None to leave it empty."""
    if name in LEFT_EMPTY or isinstance(field, (forms.BooleanField, forms.FileField, forms.DateTimeField)):
        return None
    if name in DOMAIN_SAMPLES:
        return DOMAIN_SAMPLES[name](n)
    if isinstance(field, forms.ModelMultipleChoiceField):
        first = field.queryset.first()
        return [first.pk] if first else None
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if first else None
    if isinstance(field, forms.ChoiceField):
        return next((value for value, _label in field.choices if value not in ("", None)), None)
    if isinstance(field, forms.SlugField):
        return f"kiem-thu-{n}"
    if isinstance(field, forms.EmailField):
        return "tiepnhan@example.gov.vn"
    if isinstance(field, forms.URLField):
        return "https://example.gov.vn/nguon"
    if isinstance(field, forms.DateField):
        return (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    if isinstance(field, forms.IntegerField):
        return "5"
    if isinstance(field.widget, DraftailRichTextArea):
        return rich_text(f"<p>Nội dung kiểm thử {n}.</p>")
    if isinstance(field, forms.CharField):
        return f"Nội dung kiểm thử {n}"[: field.max_length or None]
    raise AssertionError(f"no sample value for form field {name!r} ({type(field).__name__})")


def _field_values(form, required_only, n):
    data = {}
    for name, field in form.fields.items():
        if required_only and not field.required and name not in DOMAIN_SAMPLES:
            continue
        value = _sample(name, field, n)
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def _formset_values(formset, rows, n):
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(rows), f"{formset.prefix}-INITIAL_FORMS": "0",
        f"{formset.prefix}-MIN_NUM_FORMS": "0", f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for index in range(rows):
        child = formset.form(prefix=f"{formset.prefix}-{index}")
        data.update(_field_values(child, required_only=True, n=n))
        data[f"{formset.prefix}-{index}-ORDER"] = str(index + 1)
    return data


def _fillable(formset):
    """A row can be filled when every required choice has something to choose."""
    child = formset.form(prefix="probe")
    return all(
        field.queryset.exists()
        for field in child.fields.values()
        if field.required and isinstance(field, forms.ModelChoiceField)
    )


class FormData:
    """POST data for the admin form of a page type or record type, and its variants."""

    def __init__(self, model, user, parent=None):
        self.model, self.user, self.parent = model, user, parent
        self.form = bound_form(model, None, user, parent)

    def build(self, required_only=False, empty_formsets=()):
        n = next(_counter)
        data = _field_values(self.form, required_only, n)
        if "title" in self.form.fields:
            data["title"] = f"Trang kiểm thử {n}"
        if "slug" in self.form.fields:
            data["slug"] = f"kiem-thu-{n}"
        for name, formset in getattr(self.form, "formsets", {}).items():
            rows = 0 if required_only or name in empty_formsets or not _fillable(formset) else 1
            data.update(_formset_values(formset, rows, n))
        return data

    def optional_fields(self):
        return [name for name, field in self.form.fields.items()
                if not field.required and name not in LEFT_EMPTY and name not in ("slug", "title")]

    def formset_names(self):
        return list(getattr(self.form, "formsets", {}))

    def variants(self, extra_values=()):
        """Every form variant worth trying: everything filled, each optional field or inline list
        left empty, the required fields only, and those with each extra value (field, value)."""
        yield self.build()
        for name in self.optional_fields():
            data = self.build()
            data.pop(self.form.add_prefix(name), None)
            yield data
        for name in self.formset_names():
            yield self.build(empty_formsets=[name])
        yield self.build(required_only=True)
        for field, value in extra_values:
            if field in self.form.fields:
                yield {**self.build(required_only=True), field: value}

    def instance_from(self, data):
        """The object this data would create, saved inside a savepoint that is rolled back: callers
        read it (its rule violations, say) inside `with`. None when the form refuses the data."""
        return _RolledBack(self, data)


class _RolledBack:
    def __init__(self, form_data, data):
        self.form_data, self.data = form_data, data

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        form = bound_form(self.form_data.model, self.data, self.form_data.user, self.form_data.parent)
        if not form.is_valid():
            return None
        obj = form.save(commit=False)
        obj.live = False
        if is_page_type(self.form_data.model):
            self.form_data.parent.add_child(instance=obj)
        else:
            obj.save()
        return obj

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        return self.atomic.__exit__(*exc)
