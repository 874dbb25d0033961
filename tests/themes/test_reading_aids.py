"""Reading aids: text size and high contrast chosen by plain links, remembered in a cookie, cached apart."""

import pytest

from tests.factories import JUSTICE, get



def choose(client, aid, next_path="/tin-tuc/"):
    return client.get(f"/tro-giup-doc/{aid}/", {"next": next_path}, HTTP_HOST=JUSTICE)


@pytest.mark.django_db
def test_each_choice_replaces_the_one_of_its_kind_and_goes_back(client, content):
    response = choose(client, "chu-lon")
    assert response.status_code == 302 and response["Location"] == "/tin-tuc/"
    assert client.cookies["cong_reading"].value == "text-large"
    choose(client, "tuong-phan-cao")
    assert client.cookies["cong_reading"].value == "contrast-high.text-large"
    choose(client, "chu-nho")
    assert client.cookies["cong_reading"].value == "contrast-high.text-small"
    choose(client, "chu-vua")
    choose(client, "tuong-phan-thuong")
    assert client.cookies["cong_reading"].value == ""  # deleted: the defaults again


@pytest.mark.django_db
def test_unknown_aids_and_outside_addresses_are_refused(client, content):
    assert choose(client, "chu-khong-lo").status_code == 404
    assert choose(client, "chu-lon", "https://lua-dao.example/").get("Location") == "/"


@pytest.mark.django_db
def test_the_page_carries_the_chosen_aids_and_links_to_the_others(client, content):
    page = get(client, JUSTICE, "/tin-tuc/").content.decode()
    assert "class=" not in page[page.index("<html"):page.index(">", page.index("<html"))]
    assert 'aria-current="true">A<span' in page and "Tương phản cao" in page
    choose(client, "chu-lon")
    choose(client, "tuong-phan-cao")
    page = get(client, JUSTICE, "/tin-tuc/").content.decode()
    assert 'class="contrast-high text-large"' in page
    assert 'aria-current="true">A+<span' in page and "Tương phản thường" in page


@pytest.mark.django_db
def test_a_forged_cookie_adds_nothing_to_the_page(client, content):
    client.cookies["cong_reading"] = 'text-large."><script>alert(1)</script>'
    page = get(client, JUSTICE, "/").content.decode()
    assert 'class="text-large"' in page and "<script>alert(1)" not in page


@pytest.mark.django_db
def test_pages_with_aids_are_cached_apart_and_never_written_for_nginx(client, content, settings, tmp_path):
    settings.PAGE_FILE_CACHE_ROOT = str(tmp_path / "pages")
    assert get(client, JUSTICE, "/van-ban/")["X-Page-Cache"] == "miss"
    client.cookies["cong_reading"] = "text-large"
    assert get(client, JUSTICE, "/van-ban/")["X-Page-Cache"] == "miss"
    assert get(client, JUSTICE, "/van-ban/")["X-Page-Cache"] == "hit"
    assert 'class="text-large"' in get(client, JUSTICE, "/van-ban/").content.decode()
    written = (tmp_path / "pages" / "current" / "http" / JUSTICE / "van-ban" / "index.html").read_text()
    assert 'class="text-large"' not in written
