"""The shared floor for services: `status_move` (ruangrunding.workflow), the one refusal and its form bridge
(ruangrunding.refusals) and the text cleaner (ruangrunding.text). Consultation stands in for any record with a
status table."""

import pytest
from django import forms

from konsultasi import services
from konsultasi.models import Consultation
from ruangrunding.refusals import Refused, refusal_of, refusal_to_form, run_or_show_refusal
from ruangrunding.text import clean_text, clean_text_field
from ruangrunding.workflow import MoveRefused, allowed_moves, status_move

Status = Consultation.Status


@pytest.fixture
def consultation(citizen, expert):
    return services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject="Air", body="Keruh")


@pytest.mark.django_db
def test_status_move_saves_the_status_and_its_fields_together_and_records_who(consultation, expert):
    answered_at = consultation.created_at
    change = status_move(
        consultation,
        to=Status.ANSWERED,
        actor=expert,
        actor_role="pakar",
        unit="Desa Loa Ipuh",
        note="Dijawab lewat pesan",
        public=False,
        extra_fields={"first_answer_at": answered_at},
    )
    assert (consultation.status, consultation.first_answer_at) == (Status.ANSWERED, answered_at)
    consultation.refresh_from_db()
    assert (consultation.status, consultation.first_answer_at) == (Status.ANSWERED, answered_at)
    saved = consultation.status_changes.get(pk=change.pk)
    assert (saved.from_status, saved.to_status, saved.actor, saved.actor_role) == (
        Status.WAITING,
        Status.ANSWERED,
        expert,
        "pakar",
    )
    assert (saved.unit, saved.note, saved.public) == ("Desa Loa Ipuh", "Dijawab lewat pesan", False)
    assert (saved.from_label, saved.to_label) == ("Menunggu jawaban", "Dijawab")


@pytest.mark.django_db
def test_status_move_refuses_a_move_missing_from_the_table_in_indonesian_and_changes_nothing(consultation, citizen):
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)
    consultation.refresh_from_db()
    history = consultation.status_changes.count()
    with pytest.raises(MoveRefused, match="tidak dapat diubah dari “Selesai” ke “Dijawab”"):
        status_move(consultation, to=Status.ANSWERED, actor=citizen, public=False)
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED and consultation.status_changes.count() == history


@pytest.mark.django_db
def test_status_move_checks_the_saved_status_not_the_one_read_earlier(consultation, citizen):
    # Someone else closed it after this copy was read: closing again is refused, saying it is closed already.
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)
    assert consultation.status == Status.WAITING
    with pytest.raises(MoveRefused, match="sudah “Selesai”; mungkin baru saja diubah orang lain"):
        status_move(consultation, to=Status.CLOSED, actor=citizen, public=False)
    assert not consultation.status_changes.filter(to_status=Status.CLOSED).exists()


@pytest.mark.django_db
def test_every_move_says_whether_the_public_may_read_it(consultation, citizen):
    with pytest.raises(TypeError, match="public"):
        status_move(consultation, to=Status.CLOSED, actor=citizen)
    assert consultation.status_changes.count() == 1  # the opening only


@pytest.mark.django_db
def test_allowed_moves_read_the_table_from_the_current_status(consultation):
    assert allowed_moves(consultation) == {Status.ANSWERED, Status.CLOSED}
    consultation.status = Status.CLOSED
    assert allowed_moves(consultation) == {Status.WAITING}


class NoteForm(forms.Form):
    body = forms.CharField()


def refuse_body(data):
    raise Refused("Terlalu cepat.", field="body")


def test_a_refusal_naming_a_field_is_shown_beside_it_and_others_above_the_form():
    form = NoteForm({"body": "Halo"})
    assert run_or_show_refusal(form, refuse_body) is None
    assert form.errors == {"body": ["Terlalu cepat."]}
    form = NoteForm({"body": "Halo"})
    refusal_to_form(form, Refused("Topik ditutup.", field="tidak_ada"))
    assert form.non_field_errors() == ["Topik ditutup."]
    assert form.data["body"] == "Halo"  # what was typed stays on the form


def test_the_form_bridge_calls_the_service_only_with_a_valid_form_and_returns_its_result():
    calls = []
    assert run_or_show_refusal(NoteForm({"body": ""}), calls.append) is None
    assert calls == []
    assert run_or_show_refusal(NoteForm({"body": "Halo"}), lambda data: data["body"].upper()) == "HALO"


def test_refusal_of_returns_the_refusal_or_none():
    def refuse():
        raise Refused("Batas tercapai.")

    assert refusal_of(refuse).message == "Batas tercapai."
    assert refusal_of(lambda: None) is None


@pytest.mark.parametrize(
    ("typed", "kept"), [("  Air\x00 keruh \n", "Air keruh"), ("Satu\nDua", "Satu\nDua"), ("x" * 10, "x" * 10)]
)
def test_the_text_cleaner_drops_nul_and_trims(typed, kept):
    assert clean_text(typed, label="Pesan", maximum=10) == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [(None, "Pesan tidak boleh kosong."), (" \x00\n ", "Pesan tidak boleh kosong."), ("x" * 11, "Anda menulis 11")],
)
def test_the_text_cleaner_refuses_empty_or_too_long_text_in_indonesian(typed, message):
    with pytest.raises(Refused, match=message):
        clean_text(typed, label="Pesan", maximum=10)
    with pytest.raises(forms.ValidationError, match=message):
        clean_text_field(typed, label="Pesan", maximum=10)


def test_the_old_refusal_names_are_the_one_refusal():
    from rpjpd.services import ReplyRefused

    assert services.ConsultationRefused is Refused and ReplyRefused is Refused
    assert issubclass(MoveRefused, Refused)
