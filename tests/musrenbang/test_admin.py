import pytest
from django.urls import reverse

from tests.helpers import client_for, make_user
from tests.musrenbang.conftest import decide

pytestmark = pytest.mark.django_db


def test_staff_read_an_usulan_with_its_history_and_cannot_move_it_there(make_usulan, deciders, cycle):
    usulan = make_usulan()
    decide(usulan, deciders.desa, "ditolak", reason="Sudah ada di APBDes.")
    admin = client_for(make_user("root", display_name="Admin", is_staff=True, is_superuser=True))
    assert admin.get(reverse("admin:musrenbang_usulan_changelist")).status_code == 200
    page = admin.get(reverse("admin:musrenbang_usulan_change", args=[usulan.pk])).content.decode()
    assert "Sudah ada di APBDes." in page and usulan.code in page
    assert 'name="status"' not in page and 'name="stage"' not in page and 'name="desa"' not in page
    assert admin.get(reverse("admin:musrenbang_usulan_add")).status_code == 403
    cycle_page = admin.get(reverse("admin:musrenbang_cycle_change", args=[cycle.pk])).content.decode()
    assert 'name="windows-0-ends_on"' not in cycle_page  # moved only through "Buka kembali", which records why
