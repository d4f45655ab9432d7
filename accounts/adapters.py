from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """allauth's defaults with our wording where its messages would otherwise be vague to citizens."""

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
