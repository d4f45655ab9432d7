import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from konsultasi.models import Expert, Field


def institution_choices():
    names = Expert.objects.order_by("institution").values_list("institution", flat=True).distinct()
    return [(name, name) for name in names]


class ExpertFilterForm(forms.Form):
    hide_optional_marker = True  # every filter is optional; saying so on each would be noise


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), method="search_name")
    bidang = django_filters.ModelChoiceFilter(
        label=_("Bidang keahlian"),
        field_name="fields",
        to_field_name="slug",
        queryset=Field.objects.all(),
        empty_label=_("Semua bidang"),
    )
    lembaga = django_filters.ChoiceFilter(
        label=_("Universitas/lembaga"), field_name="institution", choices=institution_choices, empty_label=_("Semua")
    )

    class Meta:
        model = Expert
        fields = []
        form = ExpertFilterForm

    def search_name(self, queryset, name, value):
        words = value.split()[:5]
        for word in words:
            queryset = queryset.filter(Q(full_name__icontains=word))
        return queryset
