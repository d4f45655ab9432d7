"""Sign-up promises that gender, age group and disability are only ever counted: the user admin never shows
them beside a person, to staff or to a superuser, and does not filter people by them."""

import pytest
from django.urls import reverse

from accounts.demo import seed_staff_group
from accounts.models import AgeGroup, Disability, Gender
from tests.helpers import client_for, make_user

pytestmark = pytest.mark.django_db
# Field names, labels and every value label as the admin would print them ("Tidak" aside: too common a word).
DEMOGRAPHIC_TEXT = [
    "gender",
    "age_group",
    "disability",
    "Jenis kelamin",
    "Kelompok umur",
    "Disabilitas",
    "demografis",
    *[str(label) for label in [*Gender.labels, *AgeGroup.labels, Disability.YES.label]],
]


@pytest.fixture(params=["staff", "superuser"])
def viewer(request, staff):
    staff.groups.add(seed_staff_group())
    if request.param == "superuser":
        staff.is_superuser = True
        staff.save()
    return client_for(staff)


@pytest.fixture
def person(kecamatan):
    return make_user(
        "dewi",
        display_name="Dewi Lestari",
        kecamatan=kecamatan,
        gender=Gender.FEMALE,
        age_group=AgeGroup.FROM_18_TO_29,
        disability=Disability.YES,
    )


def assert_no_demographics(page: str):
    for text in DEMOGRAPHIC_TEXT:
        assert text.lower() not in page.lower(), text


def test_change_page_does_not_show_demographics(viewer, person):
    response = viewer.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert response.status_code == 200 and "Dewi Lestari" in response.content.decode()
    assert_no_demographics(response.content.decode())


@pytest.mark.parametrize("query", [{}, {"q": "dewi"}, {"is_staff__exact": "0"}, {"o": "2"}])
def test_list_page_does_not_show_demographics(viewer, person, query):
    response = viewer.get(reverse("admin:accounts_user_changelist"), query)
    assert response.status_code == 200 and "Dewi Lestari" in response.content.decode()
    assert_no_demographics(response.content.decode())


@pytest.mark.parametrize(
    "query",
    [{"gender": "perempuan"}, {"gender__exact": "perempuan"}, {"disability": "ya"}, {"age_group__in": "18_29"}],
)
def test_people_cannot_be_filtered_by_demographics_through_the_url(viewer, person, citizen, query):
    response = viewer.get(reverse("admin:accounts_user_changelist"), query)
    page = response.content.decode()
    assert "Siti Aminah" in page or response.status_code == 400  # not a list of only the women
    assert "Dewi Lestari" not in page or "Siti Aminah" in page
