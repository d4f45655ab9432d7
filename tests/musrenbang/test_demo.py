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


def test_load_generator_spreads_usulan_over_every_stage_with_a_public_timeline(region, fields, client):
    year = 2031
    assert demo.generate_usulan(60, year=year) == 60
    generated = Usulan.objects.filter(cycle__year=year)
    assert generated.count() == 60
    assert set(generated.values_list("stage", flat=True)) == {
        "rt_rw",
        "desa",
        "kecamatan",
        "forum_pd",
        "kabupaten",
        "rkpd",
    }
    assert set(generated.values_list("desa__name", flat=True)) == {"Maluhu", "Sukarame", "Kampung Lama"}
    # Codes go on from the cycle's counter, so a second batch and a real proposal never collide.
    demo.generate_usulan(5, year=year)
    assert Cycle.objects.get(year=year).last_sequence == 65
    assert Usulan.objects.filter(cycle__year=year).values("code").distinct().count() == 65
    beyond = generated.exclude(stage="rt_rw").first()
    page = client.get(beyond.get_absolute_url()).content.decode()
    assert beyond.title in page and "Dibahas pada musyawarah RT." in page
