import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from agenda.models import Application
from agenda.services import application_create, application_decline, applications_select, applications_wait
from agenda.tokens import decline_token
from tests.agenda import ics
from tests.agenda.factories import LIVESTREAM_URL, MEETING_DETAILS, MEETING_URL, group, make_event
from tests.helpers import client_for, make_user

pytestmark = pytest.mark.django_db


def apply(event, person, group_name, **extra):
    return application_create(event=event, citizen=person, group=group(group_name), topic="Usul jalan", **extra)


@pytest.fixture
def applied(event, people):
    """Capacity 3, one place kept for penyandang disabilitas and one for perempuan."""
    return {
        "rina": apply(event, people["rina"], "Perempuan"),
        "joko": apply(event, people["joko"], "Komunitas"),
        "tono": apply(event, people["tono"], "Dunia usaha"),
        "ani": apply(event, people["ani"], "Penyandang disabilitas", needs=["juru_bahasa_isyarat"]),
        "dedi": apply(event, people["dedi"], "Penyandang disabilitas"),
    }


def statuses(applications):
    return {name: Application.objects.get(pk=a.pk).status for name, a in applications.items()}


def test_kept_places_stay_for_their_group(event, applied):
    result = applications_select(event=event, applications=[applied["joko"], applied["tono"]])
    assert [a.pk for a in result.selected] == [applied["joko"].pk]
    ((refused, reason),) = result.refused
    assert refused.pk == applied["tono"].pk and reason == "tempat yang tersisa disediakan untuk kelompok lain"
    assert {g.name for g in result.unfilled} == {"Perempuan", "Penyandang disabilitas"}
    result = applications_select(event=event, applications=[applied["ani"], applied["rina"], applied["dedi"]])
    assert {a.pk for a in result.selected} == {applied["ani"].pk, applied["rina"].pk}
    assert result.refused[0][1] == "semua tempat sudah terisi" and result.unfilled == []


def test_a_group_may_take_open_places_beyond_its_kept_ones(people):
    event = make_event(capacity=3, quotas={"Penyandang disabilitas": 1})
    both = [apply(event, people[n], "Penyandang disabilitas") for n in ("ani", "dedi")]
    assert len(applications_select(event=event, applications=both).selected) == 2


def test_selected_get_the_meeting_link_and_a_calendar_file_others_the_livestream(event, applied, mailoutbox, committed):
    with committed(execute=True):
        applications_select(event=event, applications=[applied["ani"]])
        applications_wait(event=event, applications=[Application.objects.get(pk=applied["dedi"].pk)])
    (selected_mail, waiting_mail) = mailoutbox
    assert selected_mail.to == ["ani@contoh.id"] and "Anda terpilih" in selected_mail.subject
    assert MEETING_URL in selected_mail.body and MEETING_DETAILS in selected_mail.body
    assert "Juru bahasa isyarat" in selected_mail.body
    code = Application.objects.get(pk=applied["ani"].pk).code
    assert code in selected_mail.body  # a hybrid event: the code for the registration desk
    ((filename, content, mimetype),) = selected_mail.attachments
    assert filename == "undangan.ics" and mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    (vevent,) = ics.events(text)
    assert vevent["params"]["DTSTART"] == {"TZID": "Asia/Makassar"}
    assert vevent["CONFERENCE"] == MEETING_URL and MEETING_URL in vevent["DESCRIPTION"]
    assert any(c["type"] == "VTIMEZONE" and c["TZID"] == "Asia/Makassar" for c in ics.parse(text))
    assert waiting_mail.to == ["dedi@contoh.id"] and LIVESTREAM_URL in waiting_mail.body
    assert MEETING_URL not in waiting_mail.body


def test_declining_moves_the_waiting_list_up_within_the_kept_places(event, applied, mailoutbox, client, committed):
    applications_select(event=event, applications=[applied["ani"], applied["rina"], applied["joko"]])
    applications_wait(event=event, applications=[applied["tono"], applied["dedi"]])
    mailoutbox.clear()
    ani = Application.objects.get(pk=applied["ani"].pk)
    # tono is first in line, but ani's freed place is kept for penyandang disabilitas: dedi moves up.
    token = decline_token(ani)
    assert "Ya, saya mengundurkan diri" in client.get(reverse("agenda:decline", args=[token])).content.decode()
    with committed(execute=True):
        response = client.post(reverse("agenda:decline", args=[token]))
    assert response.status_code == 302
    assert statuses(applied) == {
        "ani": "mundur",
        "rina": "terpilih",
        "joko": "terpilih",
        "tono": "cadangan",
        "dedi": "terpilih",
    }
    (moved_up,) = mailoutbox
    assert moved_up.to == ["dedi@contoh.id"] and MEETING_URL in moved_up.body


def test_declining_an_open_place_goes_to_the_first_in_line(event, applied):
    applications_select(event=event, applications=[applied["ani"], applied["rina"], applied["joko"]])
    applications_wait(event=event, applications=[applied["tono"], applied["dedi"]])
    promoted = application_decline(application=Application.objects.get(pk=applied["joko"].pk))
    assert promoted.pk == applied["tono"].pk


def test_a_forged_or_used_decline_link_does_nothing(event, applied, client):
    assert client.get(reverse("agenda:decline", args=["palsu:123"])).status_code == 404
    applications_select(event=event, applications=[applied["ani"]])
    token = decline_token(applied["ani"])
    client.post(reverse("agenda:decline", args=[token]))
    page = client.get(reverse("agenda:decline", args=[token])).content.decode()
    assert "tidak ada tempat yang perlu dikembalikan" in page
    response = client.post(reverse("agenda:decline", args=[token]), follow=True)
    assert "Hanya peserta terpilih yang dapat mengundurkan diri." in response.content.decode()


def test_selected_citizen_sees_link_code_and_decline_on_the_event_page(event, applied, people):
    applications_select(event=event, applications=[applied["ani"]])
    html = client_for(people["ani"]).get(event.get_absolute_url()).content.decode()
    assert MEETING_URL.replace("&", "&amp;") in html or MEETING_URL in html
    assert Application.objects.get(pk=applied["ani"].pk).code in html
    assert "kembalikan tempat saya" in html


def test_staff_page_shows_quotas_and_warns_about_empty_kept_places(event, applied, selector):
    applications_select(event=event, applications=[applied["joko"]])
    html = client_for(selector).get(reverse("agenda:staff_selection", args=[event.pk])).content.decode()
    assert "1 dari 3 tempat terisi · 5 pendaftar." in html
    assert "Tempat untuk Penyandang disabilitas masih kosong 1 (2 pendaftar dari kelompok ini)." in html
    assert "Tempat untuk Perempuan masih kosong 1 (1 pendaftar dari kelompok ini)." in html
    assert "Juru bahasa isyarat" in html


def test_staff_select_from_the_page_and_are_told_who_could_not_be_placed(
    event, applied, selector, mailoutbox, committed
):
    client = client_for(selector)
    url = reverse("agenda:staff_selection", args=[event.pk])
    chosen = [applied[n].pk for n in ("joko", "tono", "ani")]
    with committed(execute=True):
        response = client.post(url, {"action": "pilih", "applications": chosen}, follow=True)
    html = response.content.decode()
    assert "2 peserta terpilih dan dikirimi e-mail." in html
    assert "Tono tidak dapat dipilih: tempat yang tersisa disediakan untuk kelompok lain." in html
    assert sorted(m.to[0] for m in mailoutbox) == ["ani@contoh.id", "joko@contoh.id"]
    with committed(execute=True):
        client.post(url, {"action": "tolak", "applications": [applied["tono"].pk]})
    assert LIVESTREAM_URL in mailoutbox[-1].body and MEETING_URL not in mailoutbox[-1].body


def test_staff_selection_without_a_choice_explains(event, applied, selector):
    response = client_for(selector).post(reverse("agenda:staff_selection", args=[event.pk]), {"action": "pilih"})
    assert response.status_code == 400 and "Centang setidaknya satu pendaftar." in response.content.decode()


def test_staff_filters_by_group_and_by_needs(event, applied, selector):
    client = client_for(selector)
    url = reverse("agenda:staff_selection", args=[event.pk])
    by_group = client.get(url, {"group": group("Perempuan").pk}).content.decode()
    assert "Rina" in by_group and "Joko" not in by_group
    with_needs = client.get(url, {"kebutuhan": "on"}).content.decode()
    assert "Ani" in with_needs and "Dedi" not in with_needs and "Rina" not in with_needs


def test_applicants_of_another_event_cannot_be_selected_through_this_one(event, applied, selector, people):
    other = make_event("Forum lain")
    foreign = apply(other, people["rina"], "Perempuan")
    response = client_for(selector).post(
        reverse("agenda:staff_selection", args=[event.pk]), {"action": "pilih", "applications": [foreign.pk]}
    )
    assert response.status_code == 400
    assert Application.objects.get(pk=foreign.pk).status == Application.Status.APPLIED


def test_staff_without_the_permission_get_404(event, applied, staff):
    assert client_for(staff).get(reverse("agenda:staff_selection", args=[event.pk])).status_code == 404
    assert client_for(staff).get(reverse("agenda:staff_index")).status_code == 404


def test_staff_selection_page_queries_do_not_grow_with_applicants(event, selector, django_assert_max_num_queries):
    for number in range(60):
        person = make_user(f"warga{number}", display_name=f"Warga {number}")
        apply(event, person, ["Perempuan", "Komunitas", "Penyandang disabilitas"][number % 3], needs=["pendamping"])
    client = client_for(selector)
    url = reverse("agenda:staff_selection", args=[event.pk])
    with django_assert_max_num_queries(15):
        first = client.get(url)
    assert first.content.decode().count('name="applications"') == 50
    with django_assert_max_num_queries(15):
        second = client.get(url, {"halaman": 2, "kebutuhan": "on"})
    assert second.content.decode().count('name="applications"') == 10


def test_staff_mark_attendance_with_the_registration_code(event, applied, selector):
    applications_select(event=event, applications=[applied["ani"]])
    code = Application.objects.get(pk=applied["ani"].pk).code
    client = client_for(selector)
    url = reverse("agenda:attendance", args=[event.pk])
    page = client.post(url, {"code": f" {code.lower()} "}, follow=True).content.decode()
    assert "Ani (Penyandang disabilitas) tercatat hadir." in page
    assert Application.objects.get(pk=applied["ani"].pk).attended_at is not None
    again = client.post(url, {"code": code}, follow=True).content.decode()
    assert "Ani sudah tercatat hadir pukul" in again
    not_selected = client.post(url, {"code": applied["dedi"].code}, follow=True).content.decode()
    assert f"Kode {applied['dedi'].code} bukan peserta terpilih (Mendaftar)." in not_selected
    unknown = client.post(url, {"code": "ZZZZZZ"}, follow=True).content.decode()
    assert "Kode ZZZZZZ tidak terdaftar untuk acara ini." in unknown


def test_figures_per_group_and_kecamatan_count_applied_selected_attended(event, applied, selector):
    applications_select(event=event, applications=[applied["ani"], applied["rina"]])
    client_for(selector).post(reverse("agenda:attendance", args=[event.pk]), {"code": applied["ani"].code})
    html = client_for(selector).get(reverse("agenda:staff_selection", args=[event.pk])).content.decode()
    assert '<th scope="row">Penyandang disabilitas</th><td>1</td><td>2</td><td>1</td><td>1</td>' in html
    assert '<th scope="row">Tenggarong</th><td>5</td><td>2</td><td>1</td>' in html


def test_another_events_code_does_not_count(event, applied, selector, people):
    other = make_event("Forum lain")
    foreign = apply(other, people["joko"], "Komunitas")
    applications_select(event=other, applications=[foreign])
    page = (
        client_for(selector)
        .post(reverse("agenda:attendance", args=[event.pk]), {"code": foreign.code}, follow=True)
        .content.decode()
    )
    assert Application.objects.get(pk=foreign.pk).attended_at is None
    assert "tidak terdaftar untuk acara ini" in page or "bukan peserta terpilih" in page


def test_undecided_applicants_come_first_then_the_waiting_list_in_order(event, applied, selector):
    applications_wait(event=event, applications=[applied["tono"], applied["rina"]])
    applications_select(event=event, applications=[applied["joko"]])
    html = client_for(selector).get(reverse("agenda:staff_selection", args=[event.pk])).content.decode()
    order = [html.index(f">{name}</label>") for name in ("Ani", "Dedi", "Tono", "Rina", "Joko")]
    assert order == sorted(order)


def test_staff_add_an_invited_participant_in_the_admin(event, people):
    admin_user = make_user("admin.agenda", display_name="Admin Agenda", is_staff=True)
    admin_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="agenda"))
    client = client_for(admin_user)
    data = {
        "event": event.pk,
        "citizen": people["dedi"].pk,
        "group": group("Penyandang disabilitas").pk,
        "organisation": "PPDI Kukar",
        "topic": "Diundang panitia",
        "needs": ["cetak_huruf_besar"],
    }
    response = client.post(reverse("admin:agenda_application_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    invited = Application.objects.get(citizen=people["dedi"])
    assert invited.invited_by == admin_user and invited.kecamatan == people["dedi"].kecamatan
    assert invited.need_labels == ["Bahan cetak huruf besar"] and len(invited.code) == 6
    again = client.post(reverse("admin:agenda_application_add"), data)
    assert again.status_code == 200 and Application.objects.filter(citizen=people["dedi"]).count() == 1
