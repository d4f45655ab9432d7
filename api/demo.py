"""A demo token for Dinas PUPR's planning system, so whoever runs `make run` can try the API with curl. Each run
revokes the previous demo token and issues a new one (a plain token is never stored, so it cannot be shown
again)."""

from accounts.models import User
from api.models import AgencyToken
from api.services import token_issue, tokens_revoke
from wilayah.models import Agency

DEMO_TOKEN_NAME = "Demo E-Perencanaan (seed_demo)"  # noqa: S105 (a label, not a secret)


def seed(*, issued_by: User) -> str:
    agency = Agency.objects.get(short_name="Dinas PUPR")
    tokens_revoke(tokens=AgencyToken.objects.filter(name=DEMO_TOKEN_NAME))
    return token_issue(token=AgencyToken(agency=agency, name=DEMO_TOKEN_NAME), issued_by=issued_by)
