import pytest


@pytest.mark.django_db
def test_province_portals_answer_with_their_names(client, province):
    for key, hostname in [("province", "thunghiem.localhost"), ("justice", "stp.thunghiem.localhost")]:
        response = client.get("/", HTTP_HOST=hostname)
        assert response.status_code == 200
        assert province["portals"][key].agency.name in response.content.decode()
