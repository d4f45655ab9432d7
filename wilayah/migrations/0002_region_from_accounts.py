# The region's profile, kecamatan and desa move here from accounts. Their tables stay as they are in this step
# (state only); accounts 0004 points the user's fields here, and 0003 below renames the tables.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wilayah', '0001_agencies'),
        ('accounts', '0003_user_notify_replies'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Kecamatan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='nama')),
                        ('code', models.CharField(blank=True, max_length=20, verbose_name='kode wilayah')),
                    ],
                    options={
                        'verbose_name': 'kecamatan',
                        'verbose_name_plural': 'kecamatan',
                        'ordering': ['name'],
                        'db_table': 'accounts_kecamatan',
                    },
                ),
                migrations.CreateModel(
                    name='RegionProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='Mis. Kabupaten Kutai Kartanegara', max_length=120, verbose_name='nama daerah')),
                        ('short_name', models.CharField(blank=True, help_text='Mis. Kukar', max_length=40, verbose_name='nama singkat')),
                        ('agency_name', models.CharField(help_text='Mis. Badan Perencanaan Pembangunan Daerah Kabupaten Kutai Kartanegara', max_length=200, verbose_name='nama badan perencanaan')),
                        ('logo', models.ImageField(blank=True, upload_to='daerah/', verbose_name='logo')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail kontak')),
                        ('contact_phones', models.CharField(blank=True, help_text='Pisahkan beberapa nomor dengan koma.', max_length=200, verbose_name='nomor telepon kontak')),
                        ('address', models.TextField(blank=True, verbose_name='alamat')),
                        ('website', models.URLField(blank=True, verbose_name='situs web resmi')),
                    ],
                    options={
                        'verbose_name': 'profil daerah',
                        'verbose_name_plural': 'profil daerah',
                        'db_table': 'accounts_regionprofile',
                    },
                ),
                migrations.CreateModel(
                    name='Desa',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='nama')),
                        ('kind', models.CharField(choices=[('desa', 'Desa'), ('kelurahan', 'Kelurahan')], default='desa', max_length=10, verbose_name='jenis')),
                        ('code', models.CharField(blank=True, max_length=20, verbose_name='kode wilayah')),
                        ('kecamatan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='desa_set', to='wilayah.kecamatan')),
                    ],
                    options={
                        'verbose_name': 'desa/kelurahan',
                        'verbose_name_plural': 'desa/kelurahan',
                        'ordering': ['kecamatan__name', 'name'],
                        'db_table': 'accounts_desa',
                        'constraints': [models.UniqueConstraint(fields=('kecamatan', 'name'), name='unique_desa_per_kecamatan')],
                    },
                ),
            ],
        ),
    ]
