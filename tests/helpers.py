"""Helpers the tests share: building users of each role and clients signed in as them."""

import io

from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import User
from konsultasi.models import Expert
from ruangrunding.inlined import SCRIPTS, STYLESHEETS
from ruangrunding.templatetags.site_extras import inline_script, inline_stylesheet

PASSWORD = "Kukar-2045-rencana"


def make_user(username: str, *, display_name: str, **extra) -> User:
    email = extra.pop("email", f"{username}@contoh.id")
    user = User.objects.create_user(
        username=username, email=email, password=PASSWORD, display_name=display_name, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_expert(username: str, full_name: str) -> User:
    user = make_user(username, display_name=full_name)
    Expert.objects.create(user=user, full_name=full_name, institution="Universitas Mulawarman")
    return user


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def run_worker() -> None:
    """Run the real task worker once over everything queued, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def current_database_url() -> str:
    """The test database this process uses, as a URL another process (a subprocess, gunicorn) can open."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def page_of(response) -> str:
    """A page's HTML without the site's inlined stylesheets and script (ruangrunding/inlined.py): their text
    holds class names and the script's labels ("Muat lebih banyak", `.errorlist`, `.badge-new`), which would
    otherwise make a test of the page's own content pass, or fail, for the wrong reason. Only those exact
    elements are taken out, so anything injected into the page stays in it."""
    html = response.content.decode()
    for text in (inline_stylesheet(name) for name in STYLESHEETS):
        html = html.replace(text, "")
    for text in (inline_script(name) for name in SCRIPTS):
        html = html.replace(text, "")
    return html
