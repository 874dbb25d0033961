"""Load-balancer probes: /healthz (process up) and /readyz (database and cache; search degrades)."""

import os

import pytest
from cms.core.local_servers import free_port


BALANCER = "10.0.0.5"  # a balancer probes by address: no portal is served there


def probe(client, path, **headers):
    response = client.get(path, HTTP_HOST=BALANCER, **headers)
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    return response


@pytest.mark.django_db
def test_healthz_answers_on_any_address_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = probe(client, "/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ready_with_database_and_cache_and_no_search_server(client, settings):
    settings.SEARCH_URL = ""
    response = probe(client, "/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "not-configured"}}


@pytest.mark.django_db
def test_a_search_server_down_is_degraded_not_failed(client, settings):
    settings.SEARCH_URL = f"http://127.0.0.1:{free_port()}"
    response = probe(client, "/readyz")
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["checks"]["search"] == "down"


@pytest.mark.django_db
def test_a_running_search_server_is_ok(client, settings):
    if not os.environ.get("TEST_SEARCH_URL"):
        pytest.skip("TEST_SEARCH_URL is not set: scripts/test starts Elasticsearch")
    settings.SEARCH_URL = os.environ["TEST_SEARCH_URL"]
    assert probe(client, "/readyz").json()["checks"]["search"] == "ok"


@pytest.mark.django_db
def test_a_cache_that_cannot_store_fails_readiness(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache wants its folder")
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                                      "LOCATION": str(blocked)}}  # Django rebuilds its caches
    response = probe(client, "/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "failed", "checks": {"database": "ok", "cache": "down", "search": response.json()["checks"]["search"]}}


@pytest.mark.django_db
def test_other_methods_and_paths_go_to_the_site(client):
    """...where an address that is no portal's is refused, as for any page."""
    assert client.post("/healthz", HTTP_HOST=BALANCER).status_code == 400
    assert client.get("/healthz/extra", HTTP_HOST=BALANCER).status_code == 400
