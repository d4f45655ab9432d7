"""The demo's citizens have names of the communities of Kutai Kartanegara that agree with the gender
recorded for them."""

import io

import pytest
from django.core.management import call_command

from accounts.demo_names import COMMUNITIES, full_names, given_names
from accounts.models import Gender, User
from insight.demo import PREFIX


def test_a_given_name_belongs_to_one_gender_only():
    assert not given_names(Gender.FEMALE) & given_names(Gender.MALE)
    assert not full_names(Gender.FEMALE) & full_names(Gender.MALE)
    assert set(COMMUNITIES) == {"kutai", "banjar", "jawa", "bugis", "dayak"}


@pytest.mark.django_db
def test_every_demo_citizens_name_matches_the_gender_recorded_for_them():
    call_command("seed_demo", stdout=io.StringIO())
    people = list(User.objects.filter(username__startswith=PREFIX))
    assert len(people) == 180
    by_gender = {gender: [p for p in people if p.gender == gender] for gender in [Gender.FEMALE, Gender.MALE]}
    assert all(len(group) > 50 for group in by_gender.values())
    for gender, group in by_gender.items():
        for person in group:
            assert person.display_name in full_names(gender), (person.display_name, gender)
    unsaid = [p.display_name for p in people if not p.gender]
    assert unsaid and all(name in full_names(Gender.FEMALE) | full_names(Gender.MALE) for name in unsaid)
    # Names repeat no more than they would in a kabupaten: almost every demo citizen's name is their own.
    assert len({p.display_name for p in people}) >= 170
    assert User.objects.get(username="warga.demo").gender == Gender.FEMALE
    assert User.objects.get(username="warga.dua").gender == Gender.MALE
