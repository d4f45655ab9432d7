import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


BEFORE_REGION_MOVE = [("accounts", "0003_user_notify_replies"), ("wilayah", "0001_agencies")]


@pytest.mark.django_db(transaction=True)
def test_moving_the_region_to_wilayah_keeps_every_row_and_every_persons_unit():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_REGION_MOVE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_REGION_MOVE).apps
    kecamatan = old.get_model("accounts", "Kecamatan").objects.create(name="Sanga-Sanga", code="")
    desa = old.get_model("accounts", "Desa").objects.create(kecamatan=kecamatan, name="Jawa", kind="desa")
    old.get_model("accounts", "RegionProfile").objects.create(name="Kabupaten X", agency_name="Bappeda X")
    old.get_model("accounts", "User").objects.create(
        username="siti", display_name="Siti", kecamatan_id=kecamatan.pk, desa_id=desa.pk
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="accounts", model="kecamatan")
    permission = old.get_model("auth", "Permission").objects.get(content_type=content_type, codename="change_kecamatan")
    old.get_model("auth", "Group").objects.create(name="Staf").permissions.add(permission)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from accounts.models import User
    from wilayah.models import Desa, Kecamatan, RegionProfile

    person = User.objects.get(username="siti")
    assert (person.kecamatan.name, person.desa.name) == ("Sanga-Sanga", "Jawa")
    assert person.kecamatan.active and person.desa.active
    assert Kecamatan.objects.count() == 1 and Desa.objects.count() == 1
    assert RegionProfile.objects.get().name == "Kabupaten X"
    assert Kecamatan._meta.db_table == "wilayah_kecamatan"
    from django.contrib.auth.models import Group

    kept = Group.objects.get(name="Staf").permissions.get()
    assert (kept.content_type.app_label, kept.codename) == ("wilayah", "change_kecamatan")  # staff keep their rights
