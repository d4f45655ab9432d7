"""The participants' meeting link is for the selected alone: it appears in no page, feed, calendar or e-mail
that reaches anyone else, whatever became of their application."""

import pytest
from django.core import mail
from django.urls import reverse

from agenda.models import Application
from agenda.services import (
    application_create,
    application_decline,
    applications_reject,
    applications_select,
    applications_wait,
)
from agenda.tokens import decline_token
from pengumuman.models import Announcement
from tests.agenda.factories import MEETING_DETAILS, MEETING_URL, group
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
SECRETS = [MEETING_URL, MEETING_URL.replace("&", "&amp;"), "RahasiaPesertaSaja", MEETING_DETAILS, "8123456789"]


@pytest.fixture
def outcome(event, people, citizen2, committed):
    """ani selected; rina waiting; joko not selected; tono selected then declined; dedi only applied."""
    applications = {
        name: application_create(event=event, citizen=people[name], group=group(g), topic="Usul")
        for name, g in [
            ("ani", "Penyandang disabilitas"),
            ("rina", "Perempuan"),
            ("joko", "Komunitas"),
            ("tono", "Dunia usaha"),
            ("dedi", "Penyandang disabilitas"),
        ]
    }
    Announcement.objects.create(title="Musrenbang dibuka", body=f"Lihat [agenda]({event.get_absolute_url()}).")
    with committed(execute=True):
        applications_select(event=event, applications=[applications["ani"], applications["tono"]])
        application_decline(application=Application.objects.get(pk=applications["tono"].pk))
        applications_wait(event=event, applications=[applications["rina"]])
        applications_reject(event=event, applications=[applications["joko"]])
    return applications


def pages(event) -> list[str]:
    return [
        reverse("home"),
        reverse("agenda:index"),
        event.get_absolute_url(),
        reverse("agenda:apply", args=[event.pk]),
        reverse("agenda:calendar"),
        reverse("pengumuman:index"),
        reverse("pengumuman:feed"),
        reverse("pengumuman:embed"),
        reverse("pengumuman:install"),
        Announcement.objects.get().get_absolute_url(),
    ]


def mail_text_to(address: str) -> str:
    parts = []
    for message in mail.outbox:
        if address in message.to:
            parts += [message.subject, message.body]
            parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
            for _name, content, _mimetype in message.attachments:
                parts.append(content.decode() if isinstance(content, bytes) else content)
    return "\n".join(parts).replace("\r\n ", "")  # unfolded, so a folded link is still found


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {where}"


def test_control_the_selected_participant_does_see_the_link(event, outcome, people):
    html = client_for(people["ani"]).get(event.get_absolute_url()).content.decode()
    assert MEETING_URL.replace("&", "&amp;") in html or MEETING_URL in html
    assert MEETING_URL in mail_text_to("ani@contoh.id")


@pytest.mark.parametrize("who", ["anonymous", "rina", "joko", "tono", "dedi", "citizen2", "staff"])
def test_the_meeting_link_never_reaches_anyone_not_selected(event, outcome, people, citizen2, staff, who):
    user = {**people, "anonymous": None, "citizen2": citizen2, "staff": staff}[who]
    client = client_for(user)
    for path in pages(event):
        response = client.get(path)
        assert response.status_code in {200, 302}, path
        assert_no_secret(response.content.decode(), f"{path} as {who}")
    if user is not None and who != "tono":  # tono was selected (and e-mailed the link) before declining
        assert_no_secret(mail_text_to(user.email), f"the e-mails of {who}")
    if who in outcome:
        path = reverse("agenda:decline", args=[decline_token(outcome[who])])
        assert_no_secret(client.get(path).content.decode(), f"the decline page of {who}")


def test_the_people_not_selected_were_told_and_given_the_livestream(outcome):
    assert "daftar cadangan" in mail_text_to("rina@contoh.id")
    assert "belum terpilih" in mail_text_to("joko@contoh.id")
    assert "youtube.example/live" in mail_text_to("joko@contoh.id")
    assert mail_text_to("dedi@contoh.id") == ""  # not decided yet: nothing sent
