# The region's models now live in the wilayah app (same tables): the user's kecamatan and desa point there,
# and accounts forgets its own copies. Nothing changes in the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_notify_replies'),
        ('wilayah', '0002_region_from_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='user',
                    name='kecamatan',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.kecamatan', verbose_name='kecamatan'),
                ),
                migrations.AlterField(
                    model_name='user',
                    name='desa',
                    field=models.ForeignKey(blank=True, help_text='Boleh dikosongkan bila desa/kelurahan Anda belum ada di daftar.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.desa', verbose_name='desa/kelurahan'),
                ),
                migrations.DeleteModel(name='Desa'),
                migrations.DeleteModel(name='Kecamatan'),
                migrations.DeleteModel(name='RegionProfile'),
            ],
        ),
    ]
