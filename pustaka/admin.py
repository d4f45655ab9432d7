from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pustaka import indexing, services
from pustaka.models import Category, Document, DocumentFile, DocumentType, Subject
from pustaka.search import library_changed
from pustaka.tasks import refresh_lexicon
from pustaka.uploads import check_library_file
from ruangrunding.images import cleaned_image
from ruangrunding.widgets import PrivateFileInput


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentFileForm(forms.ModelForm):
    """A new file is checked by its content and size before anything is stored."""

    class Meta:
        model = DocumentFile
        fields = ["file", "order"]
        widgets = {"file": PrivateFileInput}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.checked = check_library_file(upload)
        return upload

    def save(self, commit=True):
        checked = getattr(self, "checked", None)
        if checked is None or self.instance.pk:
            return super().save(commit=commit)
        document_file = services.file_add(document=self.instance.document, checked=checked)
        document_file.order = self.cleaned_data.get("order") or 0
        document_file.save(update_fields=["order"])
        self.instance = document_file
        return document_file


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 1
    fields = ["file", "order", "display_name", "kind", "size", "extraction", "download_count"]
    readonly_fields = ["display_name", "kind", "size", "extraction", "download_count"]


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "category",
            "document_type",
            "number",
            "year",
            "title",
            "about",
            "author_body",
            "publisher",
            "place_enacted",
            "date_enacted",
            "date_promulgated",
            "status",
            "status_changed_by",
            "subjects",
            "language",
            "source",
            "abstract",
            "cover",
            "is_published",
        ]

    def clean_cover(self):
        return cleaned_image(self.cleaned_data.get("cover"), max_side=600)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in {Document.Status.REVOKED, Document.Status.AMENDED} and not cleaned.get(
            "status_changed_by"
        ):
            self.add_error("status_changed_by", _("Pilih dokumen yang mencabut atau mengubahnya."))
        return cleaned


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    inlines = [DocumentFileInline]
    list_display = ["title", "document_type", "number", "year", "status", "is_published", "download_count", "text"]
    list_filter = ["is_published", "category", "document_type", "status", "year", "files__extraction"]
    search_fields = ["title", "about", "number", "abstract"]
    autocomplete_fields = ["status_changed_by", "subjects"]
    list_select_related = ["document_type"]
    date_hierarchy = "created_at"
    actions = ["publish", "unpublish", "extract_again"]

    @admin.display(description=_("teks PDF"))
    def text(self, obj):
        states = {f.get_extraction_display() for f in obj.files.all()}
        return ", ".join(sorted(states)) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document_id = form.instance.pk
        transaction.on_commit(lambda: indexing.document_index_refresh(document_id=document_id))
        transaction.on_commit(refresh_lexicon.enqueue)

    @admin.action(description=_("Terbitkan"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(is_published=True)
        library_changed()
        transaction.on_commit(refresh_lexicon.enqueue)
        self.message_user(request, ngettext("%d dokumen diterbitkan.", "%d dokumen diterbitkan.", count) % count)

    @admin.action(description=_("Batalkan terbit"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(is_published=False)
        library_changed()
        transaction.on_commit(refresh_lexicon.enqueue)
        self.message_user(request, ngettext("%d dokumen ditarik.", "%d dokumen ditarik.", count) % count)

    @admin.action(description=_("Ekstrak ulang teks PDF"), permissions=["change"])
    def extract_again(self, request, queryset):
        files = DocumentFile.objects.filter(document__in=queryset, kind="pdf")
        for document_file in files:
            services.file_queue_extraction(document_file=document_file)
        count = files.count()
        self.message_user(request, ngettext("%d berkas PDF diantrekan.", "%d berkas PDF diantrekan.", count) % count)
