"""The staff side speaks Indonesian: every admin page (index, each app, each model's list with its filters and
actions, its add and change forms), the moderation queue, the dashboard and the staff list of consultations
show no English and none of the misspellings of Django's Indonesian catalogue. Only visible text is read
(tags, scripts, styles, attributes and URLs carry English words that nobody sees)."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.permissions import SUPERUSER_ONLY_APPS
from rpjpd import services
from tests.helpers import client_for, make_user

pytestmark = pytest.mark.django_db

# Words and phrases seen on the staff side before: Django's untranslated or mistranslated strings, our own
# fields without an Indonesian name. Matched case-sensitively as whole words, except the misspellings.
ENGLISH = [
    "Select an option",
    "Filter by",
    "Filter",
    "Moderated by",
    "Moderated at",
    "Change",
    "Add",
    "Search",
    "Save and",
    "Save",
    "Delete",
    "Running",
    "Run",
    "History",
    "None",
    "Breadcrumbs",
    "Sidebar",
    "Action",
    "Home",
    "View",
    "Password",
    "Email",
    "Yes",
    "staff",
    "reporter",
    "enqueued at",
    "queue name",
    "Can add",
    "Can change",
    "Can view",
    "Tasks Database Backend",
    "MFA",
    "User sessions",
    "Pk",
    "Created at",
]
MISSPELT = ["rubah", "berjalan", "autentifikasu", "brerdasarkan"]
RESULT_TOTAL = re.compile(r"\d+ total\b")  # the admin's "12 total" beside the search box


class VisibleText(HTMLParser):
    """The text a person sees: element text, button and submit values, placeholders; not what scripts,
    styles or templates hold."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.parts.append(attributes["value"])
        if attributes.get("placeholder"):
            self.parts.append(attributes["placeholder"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def english_in(text: str) -> list[str]:
    found = [phrase for phrase in ENGLISH if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]
    found += [word for word in MISSPELT if re.search(rf"\b{word}", text, re.IGNORECASE)]
    return found + RESULT_TOTAL.findall(text)


def test_visible_text_ignores_scripts_attributes_and_urls():
    html = (
        '<a href="/admin/add/" class="addlink" title="Add">Tambah</a><script>var Change = 1;</script>'
        '<input type="submit" value="Run"><select><option value="">- Select an option -</option></select>'
    )
    assert english_in(visible_text(html)) == ["Select an option", "Run"]


@pytest.fixture
def staff_world(topic, citizen, citizen2, expert, make_document):
    """One of everything the admin lists, so change forms and filters have something to show."""
    reply = services.reply_create(topic=topic, author=citizen, body="Jalan desa rusak setiap musim hujan.")
    services.reply_report(reply=reply, reporter=citizen2, reason="spam")
    make_document("Peraturan Daerah tentang RPJPD 2025-2045", year=2024)
    Group.objects.create(name="Staf Bappeda")
    staff = make_user("kepala", display_name="Kepala Bidang", is_staff=True)
    # Every permission of every app, except the two-step devices and sessions of allauth: their models carry
    # English names Django cannot translate, and staff are not to manage other people's devices (issue 11,
    # item 1); whether superusers keep those pages is for the security work to decide.
    staff.user_permissions.set(Permission.objects.exclude(content_type__app_label__in=["mfa", "usersessions"]))
    return staff


def staff_pages(*, superuser: bool) -> list[str]:
    """The admin index, each app's index, and for every registered model its list, its add form and the
    change form of its first row (for staff, without the apps only a superuser may open)."""
    pages = [reverse("admin:index"), reverse("insight:index"), reverse("konsultasi:staff_list")]
    app_labels = set()
    skipped = set() if superuser else SUPERUSER_ONLY_APPS
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in skipped:
            continue
        info = model._meta.app_label, model._meta.model_name
        app_labels.add(model._meta.app_label)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model_admin.get_queryset(None).first() if hasattr(model_admin, "get_queryset") else None
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    pages += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    return pages


@pytest.mark.parametrize("superuser", [False, True], ids=["staff", "superuser"])
def test_staff_pages_show_no_english(staff_world, superuser):
    staff_world.is_superuser = superuser
    staff_world.save()
    client = client_for(staff_world)
    problems = {}
    for path in staff_pages(superuser=superuser):
        response = client.get(path)
        if response.status_code == 403:  # an add form the admin refuses (replies are written on the site)
            continue
        assert response.status_code == 200, path
        found = english_in(visible_text(response.content.decode()))
        if found:
            problems[path] = found
    assert problems == {}


def test_action_list_and_filters_of_the_moderation_queue_are_indonesian(staff_world):
    page = client_for(staff_world).get(reverse("admin:rpjpd_reply_changelist")).content.decode()
    text = visible_text(page)
    assert "- Pilih salah satu -" in text and "Jalankan" in text and "Saring menurut dikirim" in text


def read_po(path: Path) -> dict:
    """The translations of a .po file: {(context, msgid): msgstr or tuple of plural forms}."""
    entries, current, key = {}, {}, None

    def flush():
        if current.get("msgid"):
            forms = tuple(v for k, v in sorted(current.items()) if k.startswith("msgstr["))
            entries[(current.get("msgctxt"), current["msgid"])] = forms or current.get("msgstr", "")

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith('"'):
            current[key] += _unquote(line)
            continue
        key, _, rest = line.partition(" ")
        if key in {"msgctxt", "msgid"} and ("msgstr" in current or "msgstr[0]" in current):
            flush()
            current = {}
        current[key] = _unquote(rest)
    flush()
    return entries


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text.strip()[1:-1])


def test_compiled_catalogue_matches_its_source():
    folder = Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES"
    source = read_po(folder / "django.po")
    with (folder / "django.mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    assert len(source) > 40
    for (context, msgid), msgstr in source.items():
        if isinstance(msgstr, tuple):
            assert compiled.ngettext(msgid, msgid + "s", 1) == msgstr[0], msgid
        elif context:
            assert compiled.pgettext(context, msgid) == msgstr, msgid
        else:
            assert compiled.gettext(msgid) == msgstr, msgid
    assert len(compiled._catalog) - 1 == len(source)  # nothing compiled that the source no longer has
