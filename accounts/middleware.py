from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import middleware as django_auth_middleware
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from accounts.models import User


class AuthenticationMiddleware(django_auth_middleware.AuthenticationMiddleware):
    """Django's, but `request.user` may be the row that came with the session (accounts.sessions): one query
    fewer on every signed-in page. Taken only when everything Django's `get_user` checks holds for it; in any
    other case (no such row, another person, an unknown backend, an inactive account, a password changed since,
    an old secret) Django's own `get_user` decides, as it always did."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: user_of(request))


def user_of(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = user_loaded_with_session(request) or auth.get_user(request)
    return request._cached_user


def user_loaded_with_session(request) -> User | None:
    session = request.session
    user_key = session.get(auth.SESSION_KEY)  # reads the session, and with it maybe its person's row
    user = getattr(session, "loaded_user", None)
    if user is None or user_key != user._meta.pk.value_to_string(user):
        return None
    backend_path = session.get(auth.BACKEND_SESSION_KEY)
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    backend = auth.load_backend(backend_path)
    # Backends that find the person in their own way (not ModelBackend.get_user) are asked as usual.
    if type(backend).get_user is not ModelBackend.get_user or not backend.user_can_authenticate(user):
        return None
    session_hash = session.get(auth.HASH_SESSION_KEY)
    if not session_hash or not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None
    return user


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
