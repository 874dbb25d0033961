"""Form fields every filter and parameter of the project shares."""

import re

from django import forms

WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")  # what a documented integer parameter accepts
# Legal documents of the state date from its founding (2 September 1945).
FIRST_YEAR, LAST_YEAR = 1945, 2100


class WholeNumberField(forms.IntegerField):
    """Digits only: Django alone reads "2.0" as 2, which the documented integer type does not allow."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not WHOLE_NUMBER.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class YearField(WholeNumberField):
    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)
