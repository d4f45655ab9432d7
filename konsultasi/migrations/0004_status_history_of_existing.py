"""A history for the consultations opened before statuses were recorded, rebuilt from what was saved: opened by
the citizen, first answered by the expert (when it was), and the move to the status it has now when that is
another one (by the citizen when a follow-up made it wait again; by someone not recorded when it was closed)."""

from django.db import migrations

WAITING, ANSWERED, CLOSED = "menunggu", "dijawab", "selesai"


def rebuild(apps, schema_editor):
    Consultation = apps.get_model("konsultasi", "Consultation")
    StatusChange = apps.get_model("konsultasi", "ConsultationStatusChange")
    rows = []
    consultations = Consultation.objects.filter(status_changes__isnull=True).select_related("expert")
    for consultation in consultations.iterator(chunk_size=500):
        history = [
            StatusChange(
                record=consultation,
                from_status="",
                to_status=WAITING,
                actor_id=consultation.citizen_id,
                actor_role="warga",
                public=False,
                at=consultation.created_at,
            )
        ]
        if consultation.first_answer_at is not None:
            history.append(
                StatusChange(
                    record=consultation,
                    from_status=WAITING,
                    to_status=ANSWERED,
                    actor_id=consultation.expert.user_id,
                    actor_role="pakar",
                    public=False,
                    at=consultation.first_answer_at,
                )
            )
        last = history[-1].to_status
        if consultation.status != last:
            closed = consultation.status == CLOSED
            history.append(
                StatusChange(
                    record=consultation,
                    from_status=last,
                    to_status=consultation.status,
                    actor_id=None if closed else consultation.citizen_id,
                    actor_role="" if closed else "warga",
                    public=False,
                    at=(consultation.closed_at if closed else None) or consultation.last_message_at,
                )
            )
        rows += history
        if len(rows) >= 1000:
            StatusChange.objects.bulk_create(rows)
            rows = []
    StatusChange.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("konsultasi", "0003_status_history")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
