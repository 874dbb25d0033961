"""System checks on a deployment's settings (what the embedded default may leave out, a deployment,
SECRET_KEY set, may not), and on the Wagtail templates the project overrides."""

from pathlib import Path
from urllib.parse import urlsplit

import wagtail.admin
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import get_template

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", ""}
# The Wagtail versions whose internals the project's contract tests have checked: from, up to (not including).
TESTED_WAGTAIL = ((8, 0), (8, 1))


@register()
def deployment_settings(app_configs=None, **kwargs):
    if settings.EMBEDDED:
        return []
    errors = []
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if base_url.scheme not in ("http", "https") or (base_url.hostname or "") in LOCAL_HOSTS:
        errors.append(Error(
            "WAGTAILADMIN_BASE_URL must be the admin's public address (e.g. https://quantri.tinh.gov.vn): "
            "password-reset and workflow e-mails link to it.",
            hint="Set the WAGTAILADMIN_BASE_URL environment variable (README, deployment settings).",
            id="cong.E010",
        ))
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS must list the portals' domains (e.g. .tinh.gov.vn), not '*'.",
                            id="cong.E011"))
    return errors


@register()
def frontend_cache_settings(app_configs=None, **kwargs):
    """Each backend in FRONTEND_CACHE can be built (its class found, its options complete)."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    try:
        get_backends()
    except (ImproperlyConfigured, KeyError, TypeError) as error:
        return [Error(f"FRONTEND_CACHE cannot be used: {error!r}",
                      hint="README, \"A cache or CDN in front\": a JSON object of Wagtail frontend cache backends.",
                      id="cong.E012")]
    return []


# Wagtail templates this project overrides to translate a label Wagtail leaves in English, or to lead
# to the project's own manual instead of wagtail.org: each override (where the template loader finds
# it first) is Wagtail's own template with these replacements (and i18n loaded), and nothing else.
TRANSLATED_TEMPLATES = {
    "wagtailadmin/shared/headers/_actions.html": [('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\"")],
    "wagtailadmin/home/account_summary.html": [  # cms/help
        ("{% wagtail_feature_release_editor_guide_link as editor_guide_link %}",
         "{% url 'help_manual' 'huong-dan-su-dung' as editor_guide_link %}"),
        ("            {% wagtail_version as current_version %}\n", ""),
        ('                   target="_blank"\n                   rel="noreferrer">', "                   >"),
        ("{% blocktrans trimmed %}\n                        Wagtail {{ current_version }} editor guide\n"
         "                    {% endblocktrans %}", "{% translate 'Tài liệu hướng dẫn sử dụng' %}"),
        ('\n                    {% icon name="link-external" classname="initial" %}', ""),
    ],
}


def overridden_template(name):
    """(Wagtail's template as the override should read, the override as it reads)."""
    wagtail_text = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()
    for english, translated in TRANSLATED_TEMPLATES[name]:
        wagtail_text = wagtail_text.replace(english, translated)
    return "{% load i18n %}" + wagtail_text, Path(get_template(name).origin.name).read_text()


@register(Tags.compatibility)
def translated_templates_match_wagtail(app_configs=None, **kwargs):
    return [
        Error(f"Wagtail's {name} changed: the project's translated copy (cms/core/templates) no longer matches it.",
              hint="Copy Wagtail's new template again with the replacements of TRANSLATED_TEMPLATES.", id="cong.E013")
        for name in TRANSLATED_TEMPLATES if len(set(overridden_template(name))) != 1
    ]
