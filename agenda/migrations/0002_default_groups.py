from django.db import migrations

# The groups the seed's Musrenbang named; a region edits this list in the admin.
GROUPS = [
    "Perempuan",
    "Anak dan pemuda",
    "Penyandang disabilitas",
    "Komunitas",
    "Perguruan tinggi",
    "Dunia usaha",
]


def add_groups(apps, schema_editor):
    group_model = apps.get_model("agenda", "ParticipantGroup")
    for order, name in enumerate(GROUPS, start=1):
        group_model.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]

    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
