"""The dashboard's scheduled count: run it every 15 minutes (cron or a systemd timer, docs/deploy.md). It counts
the live blocks of every period once and stores them, so the page reads one row whatever the amount of data
(insight/stored.py, docs/scale.md)."""

from django.core.management.base import BaseCommand

from insight import stored


class Command(BaseCommand):
    help = "Hitung ulang angka dasbor staf (partisipasi, konsultasi, acara, pustaka) dan simpan."

    def handle(self, *args, **options):
        for row in stored.refresh():
            self.stdout.write(f"{row.period}: {row.seconds:.1f} detik")
