from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from ruangrunding.mail import absolute_url, on_site_url
from wilayah.context_processors import current_region_profile

LOGIN_FAILED = "login_failed"
RATE_LIMIT_APP = "allauth.account"


def login_attempt_keys(login: str, *, by_email_only: bool = False) -> list[str]:
    """What failed sign-ins are counted against: every account the typed name could sign in to (its username or
    one of its e-mail addresses, in any case), whatever host or spelling it was reached by. A name that matches
    no account is counted under the name itself, normalised, so an unknown name behaves exactly like a known
    one and reveals nothing."""
    login = (login or "").strip()
    if not login:
        return ["login:"]
    by_email = Q(email__iexact=login) | Q(emailaddress__email__iexact=login)
    matches = by_email if by_email_only else by_email | Q(username__iexact=login)
    pks = sorted(set(User.objects.filter(matches).values_list("pk", flat=True)))
    return [f"account:{pk}" for pk in pks] or [f"login:{login.casefold()}"]


def _per_key_rates() -> dict[str, str]:
    """The per-account part of ACCOUNT_RATE_LIMITS["login_failed"] (without the per-address part)."""
    parts = [part.strip() for part in (allauth_settings.RATE_LIMITS.get(LOGIN_FAILED) or "").split(",")]
    return {LOGIN_FAILED: ",".join(part for part in parts if part.endswith("/key"))}


def mail_site() -> SimpleNamespace:
    """What allauth's e-mails call the "site": the portal and its region by name, at SITE_URL. Never the
    request's Host header, which the sender of the request chooses (a reset link to an attacker's host)."""
    site_url = absolute_url("/")
    return SimpleNamespace(
        name=f"Ruang Runding {current_region_profile().name}", domain=urlsplit(site_url).netloc or site_url
    )


class AccountAdapter(DefaultAccountAdapter):
    """allauth's defaults with our wording where its messages would otherwise be vague to citizens, failed
    sign-ins counted per account rather than per spelling of its name, and every address in its e-mails taken
    from SITE_URL."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": _("Nama pengguna ini sudah dipakai. Silakan pilih nama pengguna lain."),
        "email_taken": _("Alamat e-mail ini sudah terdaftar. Silakan Masuk, atau gunakan alamat lain."),
        "invalid_username": _("Nama pengguna hanya boleh berisi huruf, angka dan tanda @ . + - _."),
        "username_blacklisted": _("Nama pengguna ini tidak boleh dipakai. Silakan pilih nama lain."),
        "username_password_mismatch": _("Nama pengguna/e-mail atau kata sandi salah. Periksa lalu coba lagi."),
        "email_password_mismatch": _("Nama pengguna/e-mail atau kata sandi salah. Periksa lalu coba lagi."),
        "too_many_login_attempts": _("Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi nanti."),
    }

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys on the request's Host plus the typed name, so another port, case or a trailing dot in
        # the Host, or the e-mail instead of the username, each opened a fresh allowance. Ours: the account.
        login = credentials.get("email", credentials.get("username", ""))
        return login_attempt_keys(login)[0]

    def pre_authenticate(self, request, **credentials) -> None:
        # One attempt costs one from the address's allowance and one from every account the name could sign in
        # to (a username may look like another account's e-mail address; allauth then tries both).
        login = credentials.get("email", credentials.get("username", ""))
        keys = login_attempt_keys(login)
        usage = ratelimit.consume(request, app=RATE_LIMIT_APP, action=LOGIN_FAILED, key=keys[0])
        for key in keys[1:]:
            if not usage:
                break
            more = ratelimit.consume(request, app=RATE_LIMIT_APP, action=LOGIN_FAILED, key=key, config=_per_key_rates())
            if more:
                usage.usage.extend(more.usage)
            else:
                usage.rollback()
                usage = None
        self._login_failed_rl_usage = usage
        if not usage:
            raise self.validation_error("too_many_login_attempts")

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # After a password reset through one of the account's addresses: that account starts afresh (and only
        # that one — never an account whose username merely looks like this address).
        for key in login_attempt_keys(credentials.get("email", ""), by_email_only=True):
            if key.startswith("account:"):
                ratelimit.clear(request, app=RATE_LIMIT_APP, action=LOGIN_FAILED, key=key, config=_per_key_rates())

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth hands over "<uidb36>-<token>" as one opaque key; its URL pattern splits it again.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_account_already_exists_mail(self, email: str) -> None:
        context = {
            "signup_url": absolute_url(reverse("account_signup")),
            "password_reset_url": absolute_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth builds a few links without a hook to override (the "unknown account" mail's sign-up link):
        # any address left in the context is moved onto SITE_URL, whatever host the request named.
        context = {key: on_site_url(value) if isinstance(value, str) else value for key, value in context.items()}
        super().send_mail(template_prefix, email, {"current_site": mail_site(), **context})
