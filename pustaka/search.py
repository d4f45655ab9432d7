"""Searching the library, alike on both databases. Full-text search of Indonesian stems (so "pembangunan"
finds "membangun") over title (weighted highest), about and citation, abstract and subjects, and the text of
the files; when a query finds nothing, each word is matched by trigram similarity against the words the
library uses, so "irrigasi" is searched as "irigasi" (and the page says so).

PostgreSQL: a stored `tsvector` in the "indonesian" configuration, `ts_rank`, `ts_headline`, and `pg_trgm` over
the materialised view `pustaka_lexicon`. SQLite: an FTS5 table `pustaka_document_fts` of stems made by the same
Snowball stemmer in Python (pustaka.indonesian), joined through the unmanaged model DocumentIndex and ranked by
`bm25()` with column weights in ts_rank's proportions; a `pustaka_lexicon` table and pg_trgm's similarity
computed in Python. Both are written by the same calls, in pustaka.indexing."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pustaka import indonesian
from pustaka.models import Document

CONFIG = "indonesian"
QUERY_MAX = 200
PER_PAGE = 20
COUNT_CAP = 500


# A query found in more documents than settings.PUSTAKA_RANK_LIMIT is not ranked: ranking reads every matching
# document's vector (3.3 s for a word in all of 500,000 documents, docs/scale.md). Its results come newest
# first instead, which an index gives by reading only about one page of them; the page says so.
NEWEST_FIRST = ("-year", "-created_at", "-pk")


@dataclass
class Results:
    page: Page
    searched_for: str  # the query as searched: the typed one, or its correction
    corrected: bool
    too_common: bool = False  # found in more than PUSTAKA_RANK_LIMIT documents: newest first, not ranked


def clean_query(raw: str | None) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(text.split())[:QUERY_MAX]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# Someone searching for a regulation wants the one in force: a revoked document matching the same words (the
# RPJPD 2005–2025 for "RPJPD 2025") counts half as relevant as its successor.
IN_FORCE_FIRST = Case(When(status="dicabut", then=Value(0.5)), default=Value(1.0), output_field=FloatField())


def search(queryset, query: str):
    """Documents matching `query`, annotated with `rank` (higher is better)."""
    if not query:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        text_query = SearchQuery(query, config=CONFIG, search_type="websearch")
        matching, relevance = queryset.filter(search_vector=text_query), SearchRank(F("search_vector"), text_query)
    else:
        expression = indonesian.match_expression(query)
        if expression is None:
            return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
        # every word of the expression is quoted, so nothing typed is read as FTS5 syntax; bm25 is lower when better
        matching, relevance = queryset.filter(full_text__query__match=expression), -F("full_text__rank")
    return matching.annotate(rank=ExpressionWrapper(relevance * IN_FORCE_FIRST, output_field=FloatField()))


def results(documents, query: str, *, ordering: tuple[str, ...], number: int) -> Results:
    """One page of matching documents; when the typed query finds nothing, its typo correction's."""
    page, too_common = _ordered_page(documents, query, ordering, number)
    if query and page.paginator.count == 0 and (fixed := corrected(query)):
        page, too_common = _ordered_page(documents, fixed, ordering, number)
        return Results(page, fixed, corrected=True, too_common=too_common)
    return Results(page, query, corrected=False, too_common=too_common)


def _ordered_page(documents, query: str, ordering: tuple[str, ...], number: int) -> tuple[Page, bool]:
    """The page in the order asked for; by relevance only while the query is found in at most
    PUSTAKA_RANK_LIMIT documents (one query that stops at the first document past the limit)."""
    matching = search(documents, query)
    if query and "-rank" in ordering and is_postgres():
        limit = settings.PUSTAKA_RANK_LIMIT
        if matching.order_by().values_list("pk", flat=True)[limit : limit + 1]:
            return results_page(matching.order_by(*NEWEST_FIRST), number), True
    return results_page(matching.order_by(*ordering), number), False


def results_page(ranked_documents, number: int) -> Page:
    """One page from a single ranking query over ids only: the first COUNT_CAP + 1 ids in order give both the
    page and the count (sorting thousands of narrow rows is far cheaper than sorting whole documents, and
    nobody pages past the 25th page: beyond the cap the page says "lebih dari 500" and suggests filters).
    Then the page's 20 documents are fetched. Past the end: the last page."""
    ranked = list(ranked_documents.values_list("pk", flat=True)[: COUNT_CAP + 1])
    paginator = Paginator(ranked, PER_PAGE)
    paginator.capped = len(ranked) > COUNT_CAP
    paginator.count = min(len(ranked), COUNT_CAP)
    if not ranked:
        return Page([], 1, paginator)
    number = min(number, paginator.num_pages)
    ids = ranked[(number - 1) * PER_PAGE : number * PER_PAGE]
    documents = Document.objects.for_listing().in_bulk(ids)
    return Page([documents[pk] for pk in ids], number, paginator)


def corrected(query: str) -> str | None:
    """The query with each unknown word replaced by the closest word the library uses ("irrigasi" →
    "irigasi"), or None when nothing close enough exists (one query)."""
    words = [word.lower() for word in query.split() if word.isalpha()][:4]
    if not words:
        return None
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT q.word, (SELECT l.word FROM pustaka_lexicon l WHERE l.word %% q.word"
                " ORDER BY similarity(l.word, q.word) DESC, l.word LIMIT 1)"
                " FROM unnest(%s::text[]) AS q(word)",
                [words],
            )
            replacements = {typed: found for typed, found in cursor.fetchall() if found}
        else:
            cursor.execute("SELECT word FROM pustaka_lexicon")
            lexicon = [word for (word,) in cursor.fetchall()]
            replacements = {word: found for word in words if (found := indonesian.closest(word, lexicon))}
    fixed = " ".join(replacements.get(word, word) for word in words)
    return fixed if replacements and fixed != " ".join(words) else None


def snippets(documents: list[Document], query: str) -> dict[int, SafeString]:
    """Where the words matched, with <mark>, for one page of results (one query on PostgreSQL; on SQLite
    from the abstracts already loaded)."""
    if not query or not documents:
        return {}
    ids = [document.pk for document in documents]
    if is_postgres():
        text_query = SearchQuery(query, config=CONFIG, search_type="websearch")
        rows = Document.objects.filter(pk__in=ids).annotate(
            snippet=SearchHeadline(
                "abstract",
                text_query,
                config=CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
                max_fragments=2,
            )
        )
        # ts_headline copies the abstract's text as it is: escape it, then restore only our <mark> tags.
        return {
            row.pk: mark_safe(  # noqa: S308 — escaped above, only <mark> restored
                escape(row.snippet).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
            )
            for row in rows.only("pk", "abstract")
        }
    return {document.pk: indonesian.highlight(document.abstract, query) for document in documents}
