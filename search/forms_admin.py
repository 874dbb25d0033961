"""The admin form of a best bet: the portals the user manages, and an address resolved on save."""

from django.core.exceptions import ValidationError

from cms.core.permissions import AgencyScopedForm
from search.best_bets import resolve


class BestBetForm(AgencyScopedForm):
    def clean(self):
        cleaned = super().clean()
        portal, address = cleaned.get("portal"), cleaned.get("address")
        if portal and address:
            try:
                self.instance.target_kind, self.instance.target_id = resolve(portal, address)
            except ValidationError as error:
                self.add_error("address", error)
        return cleaned
