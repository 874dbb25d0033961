"""System check: the Wagtail internal the imports use is the one their contract test checked.

A bulk import saves each record several times (insert, revision, publication, its files and
relations): Wagtail would rebuild the record's reference index at each save. The importer turns
that off around a row with Wagtail's disable_reference_index_auto_update() (what Wagtail's own
rebuild_references_index uses) and indexes the record once; tests/imports/test_reference_index_contract.py
checks the index comes out as Wagtail's own saves make it."""

import wagtail
import wagtail.signal_handlers
from django.core.checks import Error, Tags, register

from cms.core.checks import TESTED_WAGTAIL


@register(Tags.compatibility)
def reference_index_switch_is_the_tested_one(app_configs=None, **kwargs):
    low, high = TESTED_WAGTAIL
    if low <= tuple(wagtail.VERSION[:2]) < high and callable(
            getattr(wagtail.signal_handlers, "disable_reference_index_auto_update", None)):
        return []
    return [Error(
        f"cms.imports relies on wagtail.signal_handlers.disable_reference_index_auto_update, tested on Wagtail "
        f"{low[0]}.{low[1]} (this is {wagtail.__version__}).",
        hint="Run tests/imports/test_reference_index_contract.py on this version, then widen TESTED_WAGTAIL.",
        id="cong.E014",
    )]
