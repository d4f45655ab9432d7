"""A corpus of hostile inputs posted into every user-facing form field and query parameter: never a 5xx,
nothing rendered unescaped, and a clear message where the input is refused."""

import pytest
from django.urls import reverse

from konsultasi.models import Consultation, Message
from rpjpd.models import Reply
from tests.helpers import client_for, page_of

pytestmark = pytest.mark.django_db

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "javascript-link": '<a href="javascript:alert(1)">klik</a> javascript:alert(1)',
    "svg": "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "very-long": "panjang " * 3000,
    "null-byte": "air\x00bersih",
    "odd-unicode": "\u202egnp.exe \u200b\ufeff 𝕳𝖊𝖑𝖑𝖔 👩🏽‍🌾 ﷽ \ud7ff",
    "sql": "' OR 1=1; DROP TABLE rpjpd_reply; --",
    "format": "%s%s%n {0} {user.password} ${7*7} {{7*7}} {% debug %}",
}
# Strings that would only appear in the HTML if something were rendered without escaping.
UNESCAPED = ["<script>alert", "<img src=x", "<svg onload", 'href="javascript:', '<a href="javascript']


def assert_safe(response):
    assert response.status_code < 500
    html = response.content.decode(errors="replace")
    for marker in UNESCAPED:
        assert marker not in html


@pytest.fixture(params=sorted(HOSTILE), ids=sorted(HOSTILE))
def hostile(request):
    return HOSTILE[request.param]


def test_query_parameters(hostile, citizen, staff, topic, make_document):
    make_document("Perda Irigasi", pdf_lines=["Irigasi desa."])
    pages = [
        (None, reverse("pustaka:index"), ["q", "kategori", "jenis", "tahun", "status", "urut", "halaman"]),
        (None, reverse("konsultasi:index"), ["q", "bidang", "lembaga", "page"]),
        (None, topic.get_absolute_url(), ["urut", "halaman", "setelah"]),
        (None, reverse("rpjpd:index"), ["q"]),
        (citizen, reverse("konsultasi:mine"), ["halaman", "page"]),
        (staff, reverse("insight:index"), ["periode"]),
        (None, reverse("account_login"), ["next"]),
    ]
    for user, url, names in pages:
        client = client_for(user)
        for name in names:
            assert_safe(client.get(url, {name: hostile}))


def test_reply_forms(hostile, citizen, citizen2, topic):
    client = client_for(citizen)
    response = client.post(reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug]), {"body": hostile})
    assert_safe(response)
    page = client_for(None).get(topic.get_absolute_url())
    assert_safe(page)
    reply = Reply.objects.first()
    if hostile in (HOSTILE["very-long"], HOSTILE["null-byte"]):
        assert reply is None  # refused: too long / a null character
        assert "Perbaiki" in response.content.decode() or response.status_code == 400
    else:
        assert reply is not None
        assert_safe(client_for(citizen2).post(reverse("rpjpd:answer", args=[reply.pk]), {"body": hostile}))
        assert_safe(client.post(reverse("rpjpd:edit", args=[reply.pk]), {"body": hostile + " (ubah)"}))
        assert_safe(client_for(citizen2).post(reverse("rpjpd:report", args=[reply.pk]), {"reason": hostile}))
        assert_safe(client_for(None).get(reverse("rpjpd:thread", args=[reply.pk])))


def test_consultation_forms(hostile, citizen, expert):
    client = client_for(citizen)
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    response = client.post(url, {"subject": hostile, "body": hostile})
    assert_safe(response)
    consultation = Consultation.objects.first()
    if consultation is None:
        assert response.status_code == 400  # refused with the form and its messages
        assert "errorlist" in page_of(response)
        return
    detail = reverse("konsultasi:detail", args=[consultation.pk])
    assert_safe(client_for(expert).get(detail))
    assert_safe(client_for(expert).post(reverse("konsultasi:send", args=[consultation.pk]), {"body": hostile}))
    assert_safe(client.post(reverse("konsultasi:close", args=[consultation.pk]), {"rating": hostile}))
    assert_safe(client.get(reverse("konsultasi:mine")))
    assert Message.objects.filter(consultation=consultation).exists()


def test_account_forms(hostile, citizen, kecamatan):
    anonymous = client_for(None)
    signup = {
        "username": hostile[:150],
        "email": f"{hostile[:20]}@contoh.id",
        "password1": hostile,
        "password2": hostile,
        "display_name": hostile,
        "kecamatan": hostile,
        "desa": hostile,
        "gender": hostile,
        "age_group": hostile,
        "disability": hostile,
    }
    assert_safe(anonymous.post(reverse("account_signup"), signup))
    assert_safe(anonymous.post(reverse("account_login"), {"login": hostile, "password": hostile}))
    assert_safe(anonymous.post(reverse("account_reset_password"), {"email": hostile}))
    signed_in = client_for(citizen)
    assert_safe(signed_in.post(reverse("account_email"), {"email": hostile, "action_add": ""}))
    password = {"oldpassword": hostile, "password1": hostile, "password2": hostile}
    assert_safe(signed_in.post(reverse("account_change_password"), password))
    profile = {"display_name": hostile, "kecamatan": str(kecamatan.pk), "desa": hostile, "gender": hostile}
    assert_safe(client_for(citizen).post(reverse("accounts:profile"), profile))
    citizen.refresh_from_db()
    assert citizen.gender == ""  # an unknown choice is refused, not stored
