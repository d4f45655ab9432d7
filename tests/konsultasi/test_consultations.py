import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from konsultasi import services
from konsultasi.models import Consultation, Message
from tests.helpers import client_for, make_expert, page_of, run_worker
from tests.konsultasi import files

pytestmark = pytest.mark.django_db


def create_url(expert):
    return reverse("konsultasi:create", args=[expert.expert_profile.pk])


def test_citizen_sends_a_consultation_with_a_pdf_and_sees_it(citizen, expert, django_capture_on_commit_callbacks):
    client = client_for(citizen)
    form_page = client.get(create_url(expert)).content.decode()
    assert "Perihal" in form_page and ">Kirim</button>" in form_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(expert),
            {"subject": "Izin usaha tambak", "body": "Bagaimana syaratnya?", "attachment": files.pdf()},
            follow=True,
        )
    consultation = Consultation.objects.get()
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == consultation.get_absolute_url()
    assert "Konsultasi Anda telah dikirim" in page and "Bagaimana syaratnya?" in page
    assert "surat.pdf" in page and consultation.status == Consultation.Status.WAITING
    assert mail.outbox[0].to == ["rahma@contoh.id"]
    assert "Bagaimana syaratnya" not in mail.outbox[0].body  # e-mails never carry the private text
    assert consultation.get_absolute_url() in mail.outbox[0].body


def test_anonymous_visitor_is_sent_to_masuk_and_back(client, expert):
    response = client.get(create_url(expert))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={create_url(expert)}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"subject": "", "body": "Isi"}, "Bidang ini tidak boleh kosong"),
        ({"subject": "Ada", "body": "   "}, "Pertanyaan tidak boleh kosong"),
        ({"subject": "x" * 151, "body": "Isi"}, "paling banyak 150"),
        ({"subject": "Ada", "body": "y" * 5001}, "paling banyak 5000"),
    ],
)
def test_empty_or_over_long_fields_keep_what_was_typed(citizen, expert, data, message):
    response = client_for(citizen).post(create_url(expert), data)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert (data["body"].strip() or data["subject"]) in page
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    "make", [files.executable_as_pdf, files.html_as_pdf, files.fake_png, files.decompression_bomb, files.too_large]
)
def test_a_bad_attachment_saves_nothing_and_keeps_the_text(citizen, expert, make, settings):
    response = client_for(citizen).post(
        create_url(expert), {"subject": "Perihal saya", "body": "Pertanyaan saya", "attachment": make()}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Perihal saya"' in page and "Pertanyaan saya" in page
    assert "Pilih berkasnya lagi" in page
    assert not Consultation.objects.exists() and not Message.objects.exists()
    assert not (settings.PRIVATE_MEDIA_ROOT.exists() and any(settings.PRIVATE_MEDIA_ROOT.rglob("*.*")))


def test_expert_not_accepting_shows_no_button_and_refuses(citizen, expert, client):
    profile = expert.expert_profile
    profile.accepting_consultations = False
    profile.save()
    page = client.get(reverse("konsultasi:expert", args=[profile.pk])).content.decode()
    assert "sedang tidak menerima konsultasi baru" in page and create_url(expert) not in page
    response = client_for(citizen).post(create_url(expert), {"subject": "A", "body": "B"})
    assert response.status_code == 400 and not Consultation.objects.exists()


def test_statuses_follow_the_conversation(consultation, citizen, expert):
    assert consultation.status == Consultation.Status.WAITING
    services.message_post(consultation=consultation, author=expert, body="Jawaban saya")
    assert consultation.status == Consultation.Status.ANSWERED and consultation.first_answer_at
    services.message_post(consultation=consultation, author=citizen, body="Terima kasih, satu lagi")
    assert consultation.status == Consultation.Status.WAITING
    services.consultation_close(consultation=consultation, closer=citizen, rating=5, comment="Sangat membantu")
    assert consultation.status == Consultation.Status.CLOSED and consultation.rating == 5


def test_citizen_reopens_with_a_new_message_but_the_expert_cannot(consultation, citizen, expert):
    services.consultation_close(consultation=consultation, closer=expert)
    with pytest.raises(services.ConsultationRefused, match="Hanya warga"):
        services.message_post(consultation=consultation, author=expert, body="Tambahan")
    services.message_post(consultation=consultation, author=citizen, body="Pertanyaan lanjutan")
    assert consultation.status == Consultation.Status.WAITING and consultation.closed_at is None


def test_only_the_citizen_rates_and_the_rating_is_1_to_5(consultation, citizen, expert):
    services.consultation_close(consultation=consultation, closer=expert, rating=1)
    assert consultation.rating is None
    with pytest.raises(services.ConsultationRefused):
        services.consultation_close(consultation=consultation, closer=citizen, rating=9)


def test_closing_through_the_page_with_a_rating(consultation, citizen):
    client = client_for(citizen)
    assert "Seberapa membantu" in client.get(reverse("konsultasi:close", args=[consultation.pk])).content.decode()
    client.post(reverse("konsultasi:close", args=[consultation.pk]), {"rating": "4", "comment": "Jelas"})
    consultation.refresh_from_db()
    assert (consultation.status, consultation.rating, consultation.rating_comment) == ("selesai", 4, "Jelas")


def test_the_citizen_is_emailed_when_the_expert_answers(consultation, expert, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(expert).post(reverse("konsultasi:send", args=[consultation.pk]), {"body": "Rebus air dulu."})
    assert mail.outbox[-1].to == ["siti@contoh.id"]
    assert "menjawab" in mail.outbox[-1].subject and "Rebus air" not in mail.outbox[-1].body


def test_konsultasi_saya_lists_newest_activity_with_unread_markers(citizen, expert, expert2):
    older = services.consultation_open(citizen=citizen, expert=expert2.expert_profile, subject="Lama", body="x")
    newer = services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject="Baru", body="y")
    services.message_post(consultation=older, author=expert2, body="Dijawab")
    page = client_for(citizen).get(reverse("konsultasi:mine")).content.decode()
    assert page.index(">Lama<") < page.index(">Baru<")  # the answer made it the latest activity
    assert re.search(r">Lama</a> <span class=\"badge badge-new\">Baru</span>", page)
    assert "Menunggu jawaban" in page and "Dijawab" in page
    client_for(citizen).get(older.get_absolute_url())  # reading clears the marker
    assert "badge-new" not in page_of(client_for(citizen).get(reverse("konsultasi:mine")))
    assert newer.pk


def test_experts_inbox_puts_waiting_consultations_first(citizen, citizen2, expert):
    profile = expert.expert_profile
    answered = services.consultation_open(citizen=citizen, expert=profile, subject="Sudah dijawab", body="x")
    services.consultation_open(citizen=citizen2, expert=profile, subject="Menunggu", body="y")
    services.message_post(consultation=answered, author=expert, body="Jawab")
    page = client_for(expert).get(reverse("konsultasi:mine")).content.decode()
    assert "Kotak masuk pakar" in page
    assert page.index(">Menunggu<") < page.index(">Sudah dijawab<")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_konsultasi_saya_queries_do_not_grow_with_consultations(citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR = settings.KONSULTASI_NEW_PER_DAY = 100
    settings.KONSULTASI_MESSAGES_PER_HOUR = settings.KONSULTASI_MESSAGES_PER_DAY = 100
    client = client_for(expert)
    experts = [expert.expert_profile, *[make_expert(f"pakar{n}", f"Pakar {n}").expert_profile for n in range(3)]]
    services.consultation_open(citizen=expert, expert=experts[1], subject="Satu", body="x")
    services.consultation_open(citizen=citizen, expert=experts[0], subject="Satu", body="x")
    client.get(reverse("konsultasi:mine"))  # warms the per-worker copy of the region profile
    few = count_queries(client, reverse("konsultasi:mine"))
    for number in range(30):
        services.consultation_open(citizen=citizen, expert=experts[0], subject=f"K{number}", body="x")
        services.consultation_open(citizen=expert, expert=experts[1 + number % 3], subject=f"S{number}", body="x")
    many = count_queries(client, reverse("konsultasi:mine"))
    assert few == many and many <= 10, (few, many)
    second_page = client.get(reverse("konsultasi:mine") + "?halaman_masuk=2").content.decode()
    assert "Halaman 2 dari 2" in second_page


@pytest.mark.django_db(transaction=True)
def test_a_mail_outage_never_loses_the_message(citizen, expert, dead_mail_server):
    response = client_for(citizen).post(create_url(expert), {"subject": "Saat surel mati", "body": "Tetap tersimpan"})
    assert response.status_code == 302
    assert Message.objects.get().body == "Tetap tersimpan"
    run_worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1


def test_confirmation_of_kirim_is_shown_at_the_last_message(consultation, expert):
    response = client_for(expert).post(
        reverse("konsultasi:send", args=[consultation.pk]), {"body": "Rebus air dulu."}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#pesan-terakhir")
    last = re.search(r'<li [^>]*id="pesan-terakhir">(.*?)</li>', page, re.S)[1]
    assert last.index("Pesan Anda telah dikirim.") < last.index("Rebus air dulu.")
    assert '<div class="messages"' not in page
