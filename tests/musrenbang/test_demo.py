import pytest

from musrenbang import demo
from musrenbang.models import Cycle, Usulan

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_settled_cycle_and_an_open_one_and_is_safe_to_repeat(resident, django_capture_on_commit_callbacks):
    logins = demo.seed(citizen=resident)
    demo.seed(citizen=resident)
    assert [username for _role, username in logins] == [
        "operator.desa",
        "operator.kecamatan",
        "verifikator.pupr",
        "bappeda.demo",
    ]
    assert Cycle.objects.count() == 2 and Usulan.objects.count() == len(demo.USULAN)
    statuses = set(Usulan.objects.values_list("stage", "status"))
    assert {
        ("rkpd", "masuk_rkpd"),
        ("kabupaten", "dibahas"),
        ("desa", "ditolak"),
        ("kecamatan", "dialihkan"),
    } <= statuses
    first = Usulan.objects.get(proposer=resident)
    assert first.status_changes.count() == 6 and first.status_changes.last().at.month == 4
