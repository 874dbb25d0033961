"""The theme registry. A theme is a folder of templates and a stylesheet plus one entry here.

Templates are looked up in ``themes/templates/themes/<key>/`` first and then in the shared
``themes/templates/``, so a theme overrides only the templates it changes.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    stylesheet: str


THEMES = {
    theme.key: theme
    for theme in [
        Theme("classic", _("Truyền thống (đỏ, vàng)"), "themes/classic.css"),
        Theme("modern", _("Hiện đại (trung tính)"), "themes/modern.css"),
    ]
}
DEFAULT_THEME = "classic"


def get_theme(key):
    return THEMES.get(key) or THEMES[DEFAULT_THEME]


def theme_choices():
    return [(theme.key, theme.label) for theme in THEMES.values()]
