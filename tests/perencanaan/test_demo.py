import pytest

from musrenbang import demo as musrenbang_demo
from musrenbang.models import Usulan
from perencanaan import demo
from perencanaan.models import Activity, Programme, RpjmdPriority

pytestmark = pytest.mark.django_db


def test_demo_renstra_is_seeded_once_and_the_accommodated_usulan_are_linked(
    citizen, django_capture_on_commit_callbacks
):
    demo.seed()
    counts = (RpjmdPriority.objects.count(), Programme.objects.count(), Activity.objects.count())
    musrenbang_demo.seed(citizen=citizen)
    assert (RpjmdPriority.objects.count(), Programme.objects.count(), Activity.objects.count()) == counts
    road = Usulan.objects.get(title="Semenisasi jalan lingkungan RT 03")
    assert road.activity.code == "1.03.10.2.01" and road.activity.programme.agency.short_name == "Dinas PUPR"
    assert Usulan.objects.get(title="Posyandu ramah disabilitas di RW 02").activity.code == "1.02.02.2.01"
    assert road.status_changes.filter(activity__isnull=False).count() == 1
