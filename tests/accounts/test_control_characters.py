"""A line break in a one-line field (a display name, a subject, a title) is refused on the same page with what
was typed kept; a name stored with one before this rule still gets its e-mails (the subject is made safe)."""

import pytest
from django import forms
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from accounts.models import User
from konsultasi.models import Consultation, Field
from rpjpd import services as rpjpd_services
from ruangrunding.mail import data_to_message, message_to_data
from tests.helpers import PASSWORD, client_for, make_user
from wilayah.models import Desa

pytestmark = pytest.mark.django_db
HEADER_INJECTION = "Budi\r\nBcc: x@y"
REFUSED = "Tidak boleh berisi karakter kendali (misalnya baris baru)."


def assert_refused_and_kept(response):
    page = response.content.decode()
    assert response.status_code == 200
    assert REFUSED in page
    assert 'value="Budi' in page and "Bcc: x@y" in page  # what was typed is still in the field


def test_signup_refuses_a_display_name_with_a_line_break(client, kecamatan):
    data = {
        "username": "budi.baru",
        "email": "budi.baru@contoh.id",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": HEADER_INJECTION,
        "kecamatan": str(kecamatan.pk),
        "desa": str(Desa.objects.get(name="Maluhu").pk),
    }
    assert_refused_and_kept(client.post(reverse("account_signup"), data))
    assert not User.objects.filter(username="budi.baru").exists()


def test_profile_refuses_a_display_name_with_a_line_break(citizen):
    data = {"display_name": HEADER_INJECTION, "kecamatan": citizen.kecamatan_id, "desa": ""}
    assert_refused_and_kept(client_for(citizen).post(reverse("accounts:profile"), data))
    citizen.refresh_from_db()
    assert citizen.display_name == "Siti Aminah"


@pytest.mark.parametrize("control", ["\n", "\r", "\t", "\x1b", "\x7f", "\x85", "\u2028"])
def test_consultation_subject_refuses_control_characters(citizen, expert, control):
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    response = client_for(citizen).post(url, {"subject": f"Air{control}bersih", "body": "Bagaimana caranya?"})
    assert REFUSED in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_textarea_keeps_line_breaks_but_refuses_other_control_characters(citizen, expert):
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    client = client_for(citizen)
    refused = client.post(url, {"subject": "Air bersih", "body": "Baris satu\x1b[2J"})
    assert "Tidak boleh berisi karakter kendali selain baris baru dan tab." in refused.content.decode()
    assert not Consultation.objects.exists()
    client.post(url, {"subject": "Air bersih", "body": "Baris satu\r\n\tBaris dua"})
    assert Consultation.objects.get().messages.get().body == "Baris satu\r\n\tBaris dua"


def test_admin_title_fields_refuse_line_breaks(staff):
    staff.is_superuser = True
    staff.save()
    response = client_for(staff).post(reverse("admin:konsultasi_field_add"), {"name": "Air\nBersih", "slug": "air"})
    assert REFUSED in response.content.decode()
    assert not Field.objects.exists()


def test_every_form_char_field_carries_the_check():
    class Anything(forms.Form):
        title = forms.CharField()
        text = forms.CharField(widget=forms.Textarea)

    form = Anything({"title": "a\nb", "text": "a\nb"})
    assert not form.is_valid()
    assert list(form.errors) == ["title"]


def test_single_line_turns_any_control_run_into_one_space():
    from ruangrunding.text import single_line  # here, so the rest of the file runs without it

    assert single_line("Budi\r\nBcc: x@y\x00\u2028z ") == "Budi Bcc: x@y z"


def test_a_name_stored_with_a_line_break_still_gets_its_notification(
    topic, citizen, django_capture_on_commit_callbacks
):
    answerer = make_user("budi.lama", display_name=HEADER_INJECTION)  # stored before the form refused it
    parent = rpjpd_services.reply_create(topic=topic, author=citizen, body="Pertanyaan saya")
    with django_capture_on_commit_callbacks(execute=True):
        rpjpd_services.reply_create(topic=topic, author=answerer, body="Ini jawabannya", parent=parent)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Ruang Runding] Budi Bcc: x@y membalas tanggapan Anda"
    assert message.to == ["siti@contoh.id"] and message.bcc == []
    assert message.message()["Bcc"] is None


def test_every_queued_message_gets_a_one_line_subject():
    queued = message_to_data(EmailMultiAlternatives(subject="Halo\r\nBcc: x@y", body="Isi", to=["a@contoh.id"]))
    assert queued["subject"] == "Halo Bcc: x@y"
    assert data_to_message(queued).message()["Subject"] == "Halo Bcc: x@y"
