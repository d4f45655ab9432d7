"""The complaints' scheduled job: run it every 15 minutes (cron or a systemd timer, see docs/pengaduan.md).
It closes answered complaints nobody contested in time and e-mails reminders before deadlines."""

from django.core.management.base import BaseCommand

from pengaduan import services


class Command(BaseCommand):
    help = "Tutup otomatis pengaduan tanpa keberatan dan kirim pengingat batas waktu."

    def handle(self, *args, **options):
        closed = services.complaints_close_uncontested()
        reminded = services.complaints_remind()
        self.stdout.write(f"ditutup otomatis: {closed}; pengingat: {reminded}")
