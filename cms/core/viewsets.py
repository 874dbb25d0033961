"""Admin viewsets for scoped models: listings, choosers and chosen objects come from the model's
permission policy (cms.core.permissions), never from the model's whole table."""

from django.forms import modelform_factory
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.permissions import AgencyScopedForm, scoped_queryset

CHOOSE = ["choose"]


def choosable(user, model):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, CHOOSE)


class ScopedListingMixin:
    def get_base_queryset(self):
        return scoped_queryset(self.request.user, self.model)


class ScopedChoiceMixin:
    def get_object_list(self):
        return choosable(self.request.user, self.model_class)


class ScopedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return choosable(self.request.user, self.model_class).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return choosable(self.request.user, self.model_class).filter(pk__in=pks)


class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (ScopedChoiceMixin, chooser.ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (ScopedChoiceMixin, chooser.ChooseResultsView), {})
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset for a model registered in cms.core.registry."""

    index_view_class = type("IndexView", (ScopedListingMixin, SnippetIndexView), {})
    chooser_viewset_class = ScopedChooserViewSet


class ScopedModelViewSet(ModelViewSet):
    """A model viewset for a model registered in cms.core.registry (cms.core.registry.register_scoped_model):
    its listing holds the instances the user may act on, its forms offer the owners the user manages."""

    index_view_class = type("IndexView", (ScopedListingMixin, generic.IndexView), {})
    base_form_class = AgencyScopedForm

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=self.base_form_class, formfield_callback=self.formfield_for_dbfield,
                                 fields=self.get_form_fields(), exclude=self.get_exclude_form_fields())
