"""Finding a portal's pages by the section code the blueprint gave them."""

from cms.pages.models import portal_page_models


def section_pages(portal, code):
    """Specific pages of the portal carrying this section code, shallowest first."""
    root = portal.site.root_page
    pages = []
    for model in portal_page_models():
        pages += list(model.objects.descendant_of(root, inclusive=True).filter(section_code=code))
    return sorted(pages, key=lambda page: page.depth)


def section_page(portal, code):
    pages = section_pages(portal, code)
    return pages[0] if pages else None
