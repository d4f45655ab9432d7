"""Agency tokens and usulan at the agency forum, on the Musrenbang tests' piece of Kukar."""

import pytest
from django.test import Client

from api import services
from api.models import AgencyToken
from tests.helpers import make_user
from tests.musrenbang import conftest as musrenbang_fixtures
from tests.musrenbang.conftest import walk_to

# The Musrenbang tests' region, cycle, deciders and usulan maker, shared by name.
cycle = musrenbang_fixtures.cycle
deciders = musrenbang_fixtures.deciders
fields = musrenbang_fixtures.fields
make_usulan = musrenbang_fixtures.make_usulan
region = musrenbang_fixtures.region
resident = musrenbang_fixtures.resident


@pytest.fixture
def superuser(db):
    return make_user("super", display_name="Admin Utama", is_staff=True, is_superuser=True)


def issue(agency, issued_by, name="E-Perencanaan") -> tuple[AgencyToken, str]:
    token = AgencyToken(agency=agency, name=name)
    plain = services.token_issue(token=token, issued_by=issued_by)
    return token, plain


@pytest.fixture
def pupr_token(region, superuser):
    """The token of Dinas PUPR's planning system: (row, plain token)."""
    return issue(region.pupr, superuser, "E-Perencanaan Dinas PUPR")


@pytest.fixture
def dinkes_token(region, superuser):
    return issue(region.dinkes, superuser, "E-Perencanaan Dinkes")


def api_client(plain: str | None) -> Client:
    return Client(headers={"Authorization": f"Bearer {plain}"} if plain else {})


@pytest.fixture
def pupr(pupr_token) -> Client:
    return api_client(pupr_token[1])


@pytest.fixture
def dinkes(dinkes_token) -> Client:
    return api_client(dinkes_token[1])


@pytest.fixture
def at_forum(make_usulan, deciders, region):
    """An usulan the kecamatan has sent to Dinas PUPR's forum."""
    return walk_to(make_usulan(), "forum_pd", deciders, region)


def decide(client: Client, code: str, body: dict, key: str = "kunci-1", **headers):
    return client.post(
        f"/api/v1/usulan/{code}/keputusan",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": key, **headers} if key is not None else headers,
    )
