from django.db import migrations

# The common Musrenbang fields (bidang) to start from; staff rename, reorder or add to them in the admin.
FIELDS = [
    ("Ekonomi", "ekonomi"),
    ("Sosial Budaya", "sosial-budaya"),
    ("Prasarana Wilayah", "prasarana-wilayah"),
    ("Pemerintahan", "pemerintahan"),
]


def add_fields(apps, schema_editor):
    Field = apps.get_model("musrenbang", "Field")
    for order, (name, slug) in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("musrenbang", "0001_initial")]
    operations = [migrations.RunPython(add_fields, migrations.RunPython.noop)]
