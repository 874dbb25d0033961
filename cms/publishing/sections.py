"""Finding a portal's pages by the section code the blueprint gave them."""

from collections import defaultdict

from cms.pages.models import portal_page_models


def section_index(portal):
    """Every page of the portal carrying a section code, by code, shallowest first: one query per
    page type, however many sections are asked about afterwards."""
    root = portal.site.root_page
    index = defaultdict(list)
    for model in portal_page_models():
        for page in model.objects.descendant_of(root, inclusive=True).exclude(section_code=""):
            index[page.section_code].append(page)
    for pages in index.values():
        pages.sort(key=lambda page: page.depth)
    return index


def section_page(portal, code, index=None):
    """The shallowest page of the portal carrying this section code (from `index`, the portal's
    section_index, when the caller has it)."""
    pages = (section_index(portal) if index is None else index).get(code)
    return pages[0] if pages else None
