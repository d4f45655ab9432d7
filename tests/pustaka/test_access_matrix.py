"""The library is open to everyone; unpublished documents and their files exist only for staff."""

import pytest
from django.urls import reverse

from tests.helpers import client_for

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "citizen", "citizen2", "expert", "expert2", "staff"]


@pytest.fixture
def library(make_document):
    published = make_document("Perda Terbit", pdf_lines=["terbit"])
    draft = make_document("Perda Draf", published=False, pdf_lines=["draf"])
    return published, draft


@pytest.mark.parametrize("role", ROLES)
def test_public_library_pages(cast, role, library):
    client = client_for(cast[role])
    published, _draft = library
    for url in [
        reverse("pustaka:index"),
        published.get_absolute_url(),
        reverse("pustaka:view", args=[published.files.get().pk]),
        reverse("pustaka:download", args=[published.files.get().pk]),
        reverse("pustaka:feed"),
        reverse("pustaka:data_json"),
        reverse("pustaka:data_csv"),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_documents_only_for_staff(cast, role, library):
    client = client_for(cast[role])
    _published, draft = library
    expected = 200 if role == "staff" else 404
    assert client.get(draft.get_absolute_url()).status_code == expected
    assert client.get(reverse("pustaka:download", args=[draft.files.get().pk])).status_code == expected
    assert client.get(reverse("pustaka:view", args=[draft.files.get().pk])).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_library_admin_is_staff_only(cast, role, library):
    response = client_for(cast[role]).get(reverse("admin:pustaka_document_changelist"))
    # the cast's staff member has no model permissions: the admin refuses (403); others go to its login
    assert response.status_code == (403 if role == "staff" else 302)
