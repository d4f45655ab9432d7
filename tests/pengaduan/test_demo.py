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
