# The moved tables take this app's names, and their content types (and so every permission and admin log
# entry that names them) follow, so staff keep the rights they had.

from django.db import migrations

MOVED = ['kecamatan', 'desa', 'regionprofile']


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for model in MOVED:
        if not ContentType.objects.filter(app_label='wilayah', model=model).exists():
            ContentType.objects.filter(app_label='accounts', model=model).update(app_label='wilayah')


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for model in MOVED:
        if not ContentType.objects.filter(app_label='accounts', model=model).exists():
            ContentType.objects.filter(app_label='wilayah', model=model).update(app_label='accounts')


class Migration(migrations.Migration):

    dependencies = [
        ('wilayah', '0002_region_from_accounts'),
        ('accounts', '0004_region_moved_to_wilayah'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(name='kecamatan', table=None),
        migrations.AlterModelTable(name='desa', table=None),
        migrations.AlterModelTable(name='regionprofile', table=None),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
