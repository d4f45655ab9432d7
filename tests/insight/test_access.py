"""Only staff see the dashboard and its export: the anonymous go to "Masuk", everyone else gets 404."""

import pytest
from django.urls import reverse

from tests.helpers import client_for, make_user

URLS = [reverse("insight:index"), reverse("insight:download")]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("citizen", 404), ("citizen2", 404), ("expert", 404), ("expert2", 404), ("staff", 200)],
)
def test_dashboard_access_matrix(cast, role, expected, url):
    response = client_for(cast[role]).get(url)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_outsider_gets_404_not_a_hint(citizen):
    response = client_for(citizen).get(reverse("insight:index"))
    assert response.status_code == 404
    assert b"Dasbor" not in response.content


def test_deactivated_staff_account_cannot_open_it(db):
    former = make_user("mantan", display_name="Mantan Staf", is_staff=True, is_active=False)
    # Django no longer accepts the session of a deactivated account: the visitor is anonymous again.
    assert client_for(former).get(reverse("insight:index")).status_code == 302


def test_dashboard_is_read_only(staff):
    assert client_for(staff).post(reverse("insight:index")).status_code == 405


def test_admin_index_links_to_the_dashboard(staff):
    staff.is_superuser = True
    staff.save()
    response = client_for(staff).get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("insight:index").encode() in response.content
    assert "Dasbor partisipasi dan inklusi" in response.content.decode()
