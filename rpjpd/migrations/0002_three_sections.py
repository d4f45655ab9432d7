from django.db import migrations

SECTIONS = [
    (
        "kata-kunci-visi",
        "Kata Kunci Visi",
        "Kata-kata yang menurut Anda paling tepat menggambarkan daerah kita pada tahun 2045.",
    ),
    (
        "isu-strategis-daerah",
        "Isu Strategis Daerah",
        "Persoalan terpenting yang harus dijawab pembangunan dua puluh tahun ke depan.",
    ),
    ("sasaran-pokok", "Sasaran Pokok", "Hasil yang harus dicapai pembangunan dan ukuran keberhasilannya."),
]


def create_sections(apps, schema_editor):
    Section = apps.get_model("rpjpd", "Section")
    for order, (slug, title, description) in enumerate(SECTIONS, start=1):
        Section.objects.get_or_create(slug=slug, defaults={"title": title, "description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("rpjpd", "0001_initial")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
