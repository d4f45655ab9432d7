from allauth.account.views import LoginView as AllauthLoginView
from allauth.core.ratelimit import respond_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import ProfileForm


@login_required
def profile_edit(request):
    """Signed-in users: edit their own display name, kecamatan/desa and optional demographics."""
    if request.method == "POST":
        form = ProfileForm(request.POST, user=request.user)
        if form.is_valid():
            services.profile_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Profil Anda telah disimpan."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(user=request.user)
    return render(request, "accounts/profile.html", {"form": form})


class LoginView(AllauthLoginView):
    """Everyone: "Masuk". allauth's view, except that an account locked by too many failed attempts gets the
    429 page (a status proxies and monitoring understand) instead of a form error."""

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            return respond_429(self.request)
        return super().form_invalid(form)
