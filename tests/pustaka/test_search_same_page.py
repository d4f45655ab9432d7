"""What a search keeps in each worker (pustaka.search: rankings, the filters' state, the page's documents and
counts, snippets, each result's HTML) changes how fast the page comes, never what it says: for every kind of
query string — words, typos, nothing found, filters valid and not, sort orders, pages past the end, a query
too long — the page is byte for byte the page rendered with nothing kept (PUSTAKA_SEARCH_CACHE_SECONDS=0),
both when it is first kept and when it comes from what was kept."""

import pytest
from django.urls import reverse

from pustaka.models import Document

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=",
    "q=irigasi",
    "q=irigasi&halaman=2",
    "q=irigasi&halaman=99",
    "q=irigasi&halaman=abc",
    "q=irigasi&halaman=-1",
    "q=irrigasi",  # a typo, corrected
    "q=tidakadasamasekali",  # nothing found, recorded
    "q=gambutt",  # a typo with nothing close enough
    "q=irigasi&urut=judul",
    "q=irigasi&urut=terbaru&halaman=2",
    "q=irigasi&urut=unduhan",  # never kept: downloads change it all day
    "urut=acak",
    "q=irigasi&kategori=regulasi",
    "q=irigasi&kategori=tidak-ada",  # an unknown filter: ignored, with a notice
    "kategori=tidak-ada&jenis=%3Cb%3E&tahun=abad-21&status=hilang",
    "jenis=peraturan-daerah&tahun=2020",
    "jenis=peraturan-daerah&tahun=2020&tahun=2021",  # a filter given twice: the last one counts
    "jenis=&tahun=",
    "status=dicabut",
    "q=irigasi&status=dicabut&halaman=3",
    "q=pengelolaan+air&urut=judul",
    "q=" + "irigasi+" * 40,  # too long: cut, with a notice
    "q=%22irigasi+desa%22+-banjir",
    "halaman=2",
    "tahun=2019&halaman=9999999999999",
]


@pytest.fixture
def library(make_document, vocab):
    for number in range(45):
        document = make_document(
            f"Pengelolaan Irigasi {number:02d}" if number % 3 else f"Perbup Banjir {number:02d}",
            year=2019 + number % 4,
            kind="perda" if number % 2 else "perbup",
            abstract=f"Saluran irigasi desa nomor {number} & <air> bersih." if number % 5 else "",
            about="Tentang pengelolaan air dan irigasi" if number % 7 else "",
        )
        Document.objects.filter(pk=document.pk).update(
            download_count=number % 4,
            status=Document.Status.REVOKED if number % 6 == 0 else Document.Status.IN_FORCE,
            category=vocab["perencanaan"] if number % 8 == 0 else vocab["regulasi"],
        )
    make_document("Draf Gambut", published=False)


def page(client, query: str) -> str:
    response = client.get(reverse("pustaka:index") + "?" + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("rank_limit", [5000, 10])  # 10: a common word comes newest first, with a notice
def test_the_kept_path_gives_the_plain_path_s_page_byte_for_byte(client, library, settings, rank_limit):
    settings.PUSTAKA_RANK_LIMIT = rank_limit
    settings.PUSTAKA_SEARCH_CACHE_SECONDS = 0
    plain = {query: page(client, query) for query in QUERIES}
    settings.PUSTAKA_SEARCH_CACHE_SECONDS = 600
    first = {query: page(client, query) for query in QUERIES}  # computed, then kept
    again = {query: page(client, query) for query in QUERIES}  # from what was kept
    for query in QUERIES:
        assert first[query] == plain[query], query
        assert again[query] == plain[query], query
    notices = "".join(plain.values())
    for notice in (
        "Menampilkan hasil untuk “irigasi”",
        "Sebagian saringan tidak dikenali dan diabaikan.",
        "Halaman 99 tidak ada; ini halaman terakhir.",
        "Kata kunci terlalu panjang",
    ):
        assert notice in notices
    assert ("terlalu umum untuk diurutkan" in notices) == (rank_limit == 10)
