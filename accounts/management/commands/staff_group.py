from django.core.management.base import BaseCommand

from accounts.permissions import STAFF_GROUP, STAFF_PERMISSIONS, staff_group_ensure


class Command(BaseCommand):
    help = (
        f"Buat grup '{STAFF_GROUP}' atau setel ulang izinnya tepat seperti docs/roles.md. "
        "Aman dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        group = staff_group_ensure()
        self.stdout.write(f"Grup '{group.name}': {len(STAFF_PERMISSIONS)} izin (lihat docs/roles.md).")
