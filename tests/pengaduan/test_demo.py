import pytest

from pengaduan import demo
from pengaduan.models import Complaint

pytestmark = pytest.mark.django_db


def test_demo_seed_makes_complaints_in_several_states_once(citizen):
    demo.seed(citizen=citizen)
    demo.seed(citizen=citizen)
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"ditindaklanjuti", "didisposisikan", "diterima"} <= statuses
    assert Complaint.objects.count() == 3
    assert Complaint.objects.get(final_days=5).dispositions.count() == 2


def test_generated_load_data_has_public_secret_and_waiting_complaints(db):
    from pengaduan.demo import generate_complaints

    generate_complaints(120)
    assert Complaint.objects.count() == 120
    # the newest 50 and one in ten of the rest wait for verification; another one in ten is rahasia
    assert Complaint.objects.published().count() == 120 - 50 - 7 - 7
    assert not Complaint.objects.filter(initial_due__isnull=True).exists()
