"""Who may see what in the library: published documents and their files for everyone, unpublished ones only
for staff. Anyone else gets 404."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from pustaka.models import Document, DocumentFile


def get_document_for_user(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(Document.objects.visible_to(request.user).for_listing(), pk=pk)


def get_file_for_user(request: HttpRequest, pk: int) -> DocumentFile:
    visible = Document.objects.visible_to(request.user)
    return get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk, document__in=visible)
