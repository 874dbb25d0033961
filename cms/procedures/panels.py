"""The edit form's account of where each field of a procedure comes from: the national catalogue
(as last imported) or an edit made here (cms.procedures.models.NationalSource)."""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.admin.panels import Panel


class NationalSourcePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "procedures/national_source_panel.html"

        @property
        def source(self):
            try:
                return self.instance.national_source if self.instance.pk else None
            except ObjectDoesNotExist:
                return None

        def is_shown(self):
            return self.source is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(source=self.source, fields=[
                (self.source.label(name), ours) for name, ours in self.source.origins(self.instance).items()
            ])
            return context

