"""Consultations opened before statuses were recorded get a history rebuilt from what was saved."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.helpers import make_user

BEFORE_HISTORY = [("konsultasi", "0002_indonesian_labels")]


@pytest.mark.django_db(transaction=True)
def test_existing_consultations_get_their_history_rebuilt():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_HISTORY)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_HISTORY).apps
    citizen = make_user("siti", display_name="Siti")  # accounts stays migrated: today's model
    expert_user = make_user("rahma", display_name="Rahma")
    expert = old.get_model("konsultasi", "Expert").objects.create(user_id=expert_user.pk, full_name="Dr. Rahma")
    Consultation = old.get_model("konsultasi", "Consultation")
    opened = timezone.now() - timedelta(days=3)
    answered_at, closed_at = opened + timedelta(hours=5), opened + timedelta(days=1)
    common = {"citizen_id": citizen.pk, "expert": expert, "created_at": opened}
    waiting = Consultation.objects.create(subject="Belum dijawab", status="menunggu", **common)
    asked_again = Consultation.objects.create(
        subject="Ditanya lagi", status="menunggu", first_answer_at=answered_at, last_message_at=closed_at, **common
    )
    closed = Consultation.objects.create(
        subject="Selesai", status="selesai", first_answer_at=answered_at, closed_at=closed_at, **common
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from konsultasi.models import ConsultationStatusChange

    def history(consultation):
        rows = ConsultationStatusChange.objects.filter(record_id=consultation.pk).order_by("at", "pk")
        return [(row.from_status, row.to_status, row.actor_id, row.actor_role, row.at, row.public) for row in rows]

    assert history(waiting) == [("", "menunggu", citizen.pk, "warga", opened, False)]
    assert history(asked_again) == [
        ("", "menunggu", citizen.pk, "warga", opened, False),
        ("menunggu", "dijawab", expert_user.pk, "pakar", answered_at, False),
        ("dijawab", "menunggu", citizen.pk, "warga", closed_at, False),
    ]
    assert history(closed) == [
        ("", "menunggu", citizen.pk, "warga", opened, False),
        ("menunggu", "dijawab", expert_user.pk, "pakar", answered_at, False),
        ("dijawab", "selesai", None, "", closed_at, False),  # who closed it was not saved
    ]
