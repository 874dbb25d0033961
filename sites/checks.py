"""System checks: the Wagtail internals this package replaces are the ones it was tested against."""

import wagtail
from django.core.checks import Error, Tags, register
from wagtail.models import Page

from cms.core.checks import TESTED_WAGTAIL

# sites.routing replaces these Page internals; tests/sites/test_routing_contract.py compares the
# replacements with Wagtail's own on a matrix of sites, ports, schemes and pages.
REPLACED_PAGE_INTERNALS = ("_get_site_root_paths", "_get_relevant_site_root_paths")


@register(Tags.compatibility)
def routing_matches_the_tested_wagtail(app_configs=None, **kwargs):
    errors = []
    low, high = TESTED_WAGTAIL
    if not low <= tuple(wagtail.VERSION[:2]) < high:
        errors.append(Error(
            f"sites.routing replaces Wagtail internals tested on Wagtail {low[0]}.{low[1]} only "
            f"(this is {wagtail.__version__}).",
            hint="Run tests/sites/test_routing_contract.py on this version, then widen TESTED_WAGTAIL.",
            id="cong.E001",
        ))
    for name in REPLACED_PAGE_INTERNALS:
        if not callable(getattr(Page, name, None)):
            errors.append(Error(f"Wagtail's Page has no {name}() any more: sites.routing cannot replace it.",
                                id="cong.E002"))
    return errors
