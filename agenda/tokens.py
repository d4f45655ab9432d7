"""The one-click decline link in a selected participant's e-mail: the application's number, signed."""

from django.core import signing

from agenda.models import Application

DECLINE_SALT = "agenda.decline"


def decline_token(application: Application) -> str:
    return signing.dumps(application.pk, salt=DECLINE_SALT)


def application_from_token(token: str) -> Application | None:
    try:
        pk = signing.loads(token, salt=DECLINE_SALT)
    except signing.BadSignature:
        return None
    return Application.objects.select_related("event", "citizen", "group").filter(pk=pk).first()
