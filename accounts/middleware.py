from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class RequireTwoFactorMiddleware:
    """With REQUIRE_2FA_FOR_STAFF_AND_EXPERTS on, staff and experts without TOTP can only reach the pages
    that set it up (and sign out); everything else sends them to the TOTP set-up page."""

    ALLOWED_PREFIXES = ("/akun/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_totp(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_totp(self, request) -> bool:
        if not settings.REQUIRE_2FA_FOR_STAFF_AND_EXPERTS:
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.ALLOWED_PREFIXES):
            return False
        if not (user.is_staff or user.is_superuser or user.is_expert):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
