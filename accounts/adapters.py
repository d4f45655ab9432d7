from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruangrunding.mail import absolute_url, on_site_url


def mail_site() -> SimpleNamespace:
    """What allauth's e-mails call the "site": the portal and its region by name, at SITE_URL. Never the
    request's Host header, which the sender of the request chooses (a reset link to an attacker's host)."""
    from accounts.context_processors import current_region_profile

    site_url = absolute_url("/")
    return SimpleNamespace(
        name=f"Ruang Runding {current_region_profile().name}", domain=urlsplit(site_url).netloc or site_url
    )


class AccountAdapter(DefaultAccountAdapter):
    """allauth's defaults with our wording where its messages would otherwise be vague to citizens, and every
    address in its e-mails taken from SITE_URL."""

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
