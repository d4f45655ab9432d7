"""The published documents' metadata as open data rows (for the JSON and CSV listings)."""

from collections.abc import Iterator

from pustaka.models import Document
from ruangrunding.mail import absolute_url

FIELDS = [
    "id",
    "kategori",
    "jenis",
    "nomor",
    "tahun",
    "judul",
    "tentang",
    "teu_badan",
    "penerbit",
    "tempat_penetapan",
    "tanggal_penetapan",
    "tanggal_pengundangan",
    "status",
    "subjek",
    "bahasa",
    "sumber",
    "abstrak",
    "tautan",
]


def rows() -> Iterator[dict]:
    documents = (
        Document.objects.published().for_listing().prefetch_related("subjects").order_by("pk").iterator(chunk_size=500)
    )
    for document in documents:
        yield {
            "id": document.pk,
            "kategori": document.category.name,
            "jenis": document.document_type.name,
            "nomor": document.number,
            "tahun": document.year,
            "judul": document.title,
            "tentang": document.about,
            "teu_badan": document.author_body,
            "penerbit": document.publisher,
            "tempat_penetapan": document.place_enacted,
            "tanggal_penetapan": document.date_enacted.isoformat() if document.date_enacted else "",
            "tanggal_pengundangan": document.date_promulgated.isoformat() if document.date_promulgated else "",
            "status": document.get_status_display(),
            "subjek": "; ".join(subject.name for subject in document.subjects.all()),
            "bahasa": document.language,
            "sumber": document.source,
            "abstrak": document.abstract,
            "tautan": absolute_url(document.get_absolute_url()),
        }
