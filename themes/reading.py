"""Reading aids Vietnamese portals offer: text size (A- / A / A+) and a high-contrast mode, chosen
with plain links (no JavaScript) and kept in one cookie.

The chosen aids become classes on <html> (themes/base.css scales every size in rem and swaps the
colour variables). Pages differ by them, so they are part of the page cache's key, and nginx sends
visitors carrying the cookie to Django instead of its page files (themes/nginx/cong.conf).
"""

from django.utils.translation import gettext_lazy as _

COOKIE = "cong_reading"
SEPARATOR = "."

# {aid in the URL: (kind, class on <html>, label)}; an empty class is the default of its kind.
AIDS = {
    "chu-nho": ("size", "text-small", _("Chữ nhỏ hơn")),
    "chu-vua": ("size", "", _("Cỡ chữ mặc định")),
    "chu-lon": ("size", "text-large", _("Chữ lớn hơn")),
    "tuong-phan-cao": ("contrast", "contrast-high", _("Tương phản cao")),
    "tuong-phan-thuong": ("contrast", "", _("Tương phản thường")),
}
CLASSES = {css_class: kind for kind, css_class, _label in AIDS.values() if css_class}


def chosen(request):
    """The classes of the aids this visitor chose, in a stable order (unknown values are ignored)."""
    values = request.COOKIES.get(COOKIE, "").split(SEPARATOR)
    return sorted({value for value in values if value in CLASSES})


def current(request, kind):
    """The aid of this kind the visitor is using (its default when none was chosen)."""
    classes = chosen(request)
    of_kind = [aid for aid, (aid_kind, _class, _label) in AIDS.items() if aid_kind == kind]
    default = next(aid for aid in of_kind if not AIDS[aid][1])
    return next((aid for aid in of_kind if AIDS[aid][1] in classes), default)


def choose(request, aid):
    """The cookie value once `aid` replaces the visitor's choice of its kind."""
    kind, css_class, _label = AIDS[aid]
    kept = [value for value in chosen(request) if CLASSES[value] != kind]
    return SEPARATOR.join(sorted([*kept, css_class] if css_class else kept))
