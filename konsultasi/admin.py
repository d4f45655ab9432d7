"""Konsultasi in the admin. Consultations themselves are deliberately not registered: their content stays
private (staff holding the permission read them on the site, where each access is recorded)."""

import statistics
from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from konsultasi import services
from konsultasi.models import AccessRecord, Consultation, Expert, Field
from ruangrunding.admin_readonly import ReadOnlyAdmin
from ruangrunding.images import cleaned_image

# Medians for the expert list being rendered: computed once per request (one query), read per row. A context
# variable rather than an attribute, because one ModelAdmin instance serves every thread.
expert_medians: ContextVar[dict[int, float] | None] = ContextVar("expert_medians", default=None)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ExpertForm(forms.ModelForm):
    invite_email = forms.EmailField(
        label=_("…atau undang lewat e-mail"),
        required=False,
        help_text=_("Untuk pakar yang belum punya akun: akun dibuat dan tautan untuk membuat kata sandi dikirim."),
    )

    class Meta:
        model = Expert
        fields = [
            "user",
            "invite_email",
            "full_name",
            "institution",
            "fields",
            "photo",
            "bio",
            "accepting_consultations",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:  # absent (read-only) once the expert exists: see ExpertAdmin
            self.fields["user"].required = False
            self.fields["user"].help_text = _("Jadikan akun warga yang sudah ada sebagai pakar.")
            # Never a staff or superuser account: an expert's account is the expert's, not an admin's.
            self.fields["user"].queryset = User.objects.filter(
                is_staff=False, is_superuser=False, expert_profile__isnull=True
            )
        if self.instance.pk:
            del self.fields["invite_email"]

    def clean_photo(self):
        return cleaned_image(self.cleaned_data.get("photo"), max_side=600)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        user, email = cleaned.get("user"), cleaned.get("invite_email")
        if bool(user) == bool(email):
            raise forms.ValidationError(_("Pilih satu akun yang sudah ada, atau isi e-mail untuk mengundang."))
        if email and User.objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email)).exists():
            self.add_error("invite_email", _("Alamat e-mail ini sudah punya akun: pilih akunnya saja."))
        return cleaned


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    form = ExpertForm
    list_display = [
        "full_name",
        "institution",
        "accepting_consultations",
        "waiting",
        "answered",
        "closed",
        "median_first_answer",
        "average_rating",
    ]
    list_filter = ["accepting_consultations", "fields", "institution"]
    search_fields = ["full_name", "institution", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["fields"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_consultation_counts()

    def get_readonly_fields(self, request, obj=None):
        # Moving a profile to another account would hand that account the expert's private consultations.
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "user"] if obj is not None else readonly

    def get_fields(self, request, obj=None):
        # The invitation is for new experts only; the form drops the field for an existing one, so the
        # page must not ask for it either.
        fields = super().get_fields(request, obj)
        return [name for name in fields if name != "invite_email"] if obj is not None else fields

    @admin.display(description=_("menunggu"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("dijawab"), ordering="answered_count")
    def answered(self, obj):
        return obj.answered_count

    @admin.display(description=_("selesai"), ordering="closed_count")
    def closed(self, obj):
        return obj.closed_count

    @admin.display(description=_("rata-rata penilaian"), ordering="rating_average")
    def average_rating(self, obj):
        return "—" if obj.rating_average is None else f"{obj.rating_average:.1f} / 5"

    @admin.display(description=_("median jawaban pertama"))
    def median_first_answer(self, obj):
        hours = (expert_medians.get() or {}).get(obj.pk)
        return "—" if hours is None else _("%(hours).1f jam") % {"hours": hours}

    def changelist_view(self, request, extra_context=None):
        token = expert_medians.set(median_hours_to_first_answer())
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()  # the rows read the medians while rendering, so render before resetting
            return response
        finally:
            expert_medians.reset(token)

    def save_model(self, request, obj, form, change):
        email = form.cleaned_data.get("invite_email")
        if change or not email:
            return super().save_model(request, obj, form, change)
        invited = services.expert_invite(
            email=email,
            full_name=form.cleaned_data["full_name"],
            institution=form.cleaned_data["institution"],
            fields=list(form.cleaned_data["fields"]),
        )
        obj.pk, obj.user = invited.pk, invited.user
        if form.cleaned_data.get("photo"):
            invited.photo = form.cleaned_data["photo"]
            invited.save(update_fields=["photo"])
        messages.info(request, _("Undangan dikirim ke %(email)s.") % {"email": email})
        return None

    def save_related(self, request, form, formsets, change):
        form.instance = Expert.objects.get(pk=form.instance.pk)
        super().save_related(request, form, formsets, change)


def median_hours_to_first_answer() -> dict[int, float]:
    """One query over all answered consultations; the median per expert is taken in Python so it works the
    same on PostgreSQL and SQLite."""
    durations: dict[int, list[float]] = {}
    answered = Consultation.objects.filter(first_answer_at__isnull=False).values_list(
        "expert_id", "created_at", "first_answer_at"
    )
    for expert_id, created_at, first_answer_at in answered:
        durations.setdefault(expert_id, []).append((first_answer_at - created_at).total_seconds() / 3600)
    return {expert_id: statistics.median(values) for expert_id, values in durations.items()}


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    """The audit trail of staff reading private consultations. Nobody edits or deletes it here."""

    list_display = ["viewed_at", "staff", "consultation_id", "what"]
    list_filter = ["staff"]
    date_hierarchy = "viewed_at"
