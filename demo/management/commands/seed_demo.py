from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from api import demo as api_demo
from demo.seed import DEMO_PASSWORD, seed_all

REGION_CODE = "64.02"  # Kabupaten Kutai Kartanegara


class Command(BaseCommand):
    help = "Isi portal dengan data contoh: wilayah, profil daerah, akun demo tiap peran dan konten. Aman diulang."

    def handle(self, *args, **options):
        call_command("import_wilayah", REGION_CODE, stdout=self.stdout)
        with transaction.atomic():
            logins = seed_all()
            api_token = api_demo.seed(issued_by=User.objects.get(username="staf.demo"))
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun untuk mencoba (kata sandi sama untuk semua):"))
        role_width = max(len(str(role)) for role, _username in logins)
        name_width = max(len(username) for _role, username in logins)
        for role, username in logins:
            self.stdout.write(
                f"  {role!s:<{role_width}}  nama pengguna: {username:<{name_width}}  kata sandi: {DEMO_PASSWORD}"
            )
        self.stdout.write(
            "  API perangkat daerah (Dinas PUPR, docs/api.md), token baru setiap kali seed_demo dijalankan:\n"
            f"    curl -H 'Authorization: Bearer {api_token}' {settings.SITE_URL}/api/v1/usulan"
        )
