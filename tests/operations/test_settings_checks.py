"""System checks refuse settings a deployment cannot run with."""

from cms.core.checks import frontend_cache_settings

HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


def test_a_cache_in_front_needs_a_backend_that_can_be_built(settings):
    settings.WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://127.0.0.1:6081"}}
    assert frontend_cache_settings() == []
    settings.WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": HTTP_BACKEND}}
    assert [error.id for error in frontend_cache_settings()] == ["cong.E012"]
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "cong.missing.Backend", "LOCATION": "http://127.0.0.1:1"}}
    assert [error.id for error in frontend_cache_settings()] == ["cong.E012"]
