"""Searching the library, alike on both databases. Full-text search of Indonesian stems (so "pembangunan"
finds "membangun") over title (weighted highest), about and citation, abstract and subjects, and the text of
the files; when a query finds nothing, each word is matched by trigram similarity against the words the
library uses, so "irrigasi" is searched as "irigasi" (and the page says so).

PostgreSQL: a stored `tsvector` in the "indonesian" configuration, `ts_rank`, `ts_headline`, and `pg_trgm` over
the materialised view `pustaka_lexicon`. SQLite: an FTS5 table `pustaka_document_fts` of stems made by the same
Snowball stemmer in Python (pustaka.indonesian), joined through the unmanaged model DocumentIndex and ranked by
`bm25()` with column weights in ts_rank's proportions; a `pustaka_lexicon` table and pg_trgm's similarity
computed in Python. Both are written by the same calls, in pustaka.indexing."""

import copy
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
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
    version: str | None = None  # the library's version the results were kept under (None: nothing kept)


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


# Ranking every match is the search's cost: a common word ("pembangunan") matches nearly every document, and
# ts_rank then reads thousands of vectors, some tens of milliseconds each time. The ranked ids (and typo
# corrections) are a pure function of the query and the library, so each worker keeps the ones it computed
# under the library's version: every write that can change a search (a document saved, deleted, published or
# withdrawn, its index or the lexicon rebuilt, a category or type changed) gives the library a new version
# (library_changed), after which no kept ranking is looked up again. Only the ids are kept: each page still
# fetches its documents and snippets and is rendered in full. PUSTAKA_SEARCH_CACHE_SECONDS caps how long an
# entry lives (0: nothing is kept), a safety net for a write made behind the portal's back (raw SQL).
VERSION_KEY = "pustaka:library-version"
KEPT_RANKINGS = 2000
VERSION_RECHECK_SECONDS = 1.0
_version = {"value": None, "checked_until": 0.0}  # this worker's last reading of the version
_kept: OrderedDict = OrderedDict()
_kept_lock = Lock()


def library_changed() -> None:
    """Call after any write that may change what a search finds or how it ranks it: a new version now (this
    transaction's own searches see the change) and again once the transaction commits (a search in another
    worker between the two ran on the old data and may have kept its ranking under the first new version)."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    _version.update(value=version, checked_until=time.monotonic() + VERSION_RECHECK_SECONDS)


def library_version() -> str | None:
    """The library's current version, or None when rankings are not kept. Read from the shared cache at most
    once a second per worker (VERSION_RECHECK_SECONDS): a change made in another worker shows within a second,
    one made in this worker at once."""
    if not settings.PUSTAKA_SEARCH_CACHE_SECONDS:
        return None
    now = time.monotonic()
    if _version["checked_until"] > now:
        return _version["value"]
    version = cache.get(VERSION_KEY)
    if version is None:  # never set, or lost with the cache: a fresh one, so nothing kept before is trusted
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    _version.update(value=version, checked_until=now + VERSION_RECHECK_SECONDS)
    return version


def forget_kept() -> None:
    """Drop this worker's kept rankings and its reading of the version (the test suite, between tests)."""
    with _kept_lock:
        _kept.clear()
    _version.update(value=None, checked_until=0.0)


def kept_or(version: str | None, key: tuple, compute):
    """`compute()`, kept in this worker under the library's version like the rankings (None: not kept): for
    anything else derived from the library alone, such as a topic's reading materials."""
    return _kept_or(version, key, compute)


def _kept_or(version: str | None, key: tuple, compute):
    if version is None:
        return compute()
    key = (version, *key)
    now = time.monotonic()
    with _kept_lock:
        hit = _kept.get(key)
        if hit is not None and hit[0] > now:
            _kept.move_to_end(key)
            return hit[1]
    value = compute()
    with _kept_lock:
        _kept[key] = (now + settings.PUSTAKA_SEARCH_CACHE_SECONDS, value)
        while len(_kept) > KEPT_RANKINGS:
            _kept.popitem(last=False)
    return value


@dataclass
class Found:
    """What a query finds, before paging: the first COUNT_CAP + 1 ids in order, and how they were found."""

    ranked: list[int]
    searched_for: str
    corrected: bool
    too_common: bool


def results(documents, query: str, *, ordering: tuple[str, ...], number: int, key: tuple | None = None) -> Results:
    """One page of matching documents; when the typed query finds nothing, its typo correction's.

    `key` names `documents` (the filters' values that made that queryset): with it, what the query finds is kept
    in this worker under the library's version, so a repeated search builds no ranking query at all (not even
    its SQL); the page's documents and snippets are kept alike (pustaka.search.page_documents, snippets)."""
    version = library_version() if "-download_count" not in ordering and key is not None else None
    limit = settings.PUSTAKA_RANK_LIMIT
    found = _kept_or(version, ("found", key, query, ordering, limit), lambda: _found(documents, query, ordering))
    page = results_page(found.ranked, number, version=version)
    return Results(page, found.searched_for, corrected=found.corrected, too_common=found.too_common, version=version)


def _found(documents, query: str, ordering: tuple[str, ...]) -> Found:
    ranked, too_common = _ranked_ids(documents, query, ordering)
    if query and not ranked and (fixed := corrected(query)):
        ranked, too_common = _ranked_ids(documents, fixed, ordering)
        return Found(ranked, fixed, corrected=True, too_common=too_common)
    return Found(ranked, query, corrected=False, too_common=too_common)


def _ranked_ids(documents, query: str, ordering: tuple[str, ...]) -> tuple[list[int], bool]:
    """The ids in the order asked for; by relevance only while the query is found in at most
    PUSTAKA_RANK_LIMIT documents (one query that stops at the first document past the limit), newest first
    beyond it. A single query over ids only: the first COUNT_CAP + 1 give both the page and the count (sorting
    thousands of narrow rows is far cheaper than sorting whole documents, and nobody pages past the 25th page:
    beyond the cap the page says "lebih dari 500" and suggests filters)."""
    matching = search(documents, query)
    too_common = False
    if query and "-rank" in ordering:
        limit = settings.PUSTAKA_RANK_LIMIT
        too_common = bool(matching.order_by().values_list("pk", flat=True)[limit : limit + 1])
        if too_common:
            ordering = NEWEST_FIRST
    return list(matching.order_by(*ordering).values_list("pk", flat=True)[: COUNT_CAP + 1]), too_common


def results_page(ranked: list[int], number: int, *, version: str | None = None) -> Page:
    """One page of the ranked ids' documents. Past the end: the last page."""
    paginator = Paginator(ranked, PER_PAGE)
    paginator.capped = len(ranked) > COUNT_CAP
    paginator.count = min(len(ranked), COUNT_CAP)
    if not ranked:
        return Page([], 1, paginator)
    number = min(number, paginator.num_pages)
    ids = ranked[(number - 1) * PER_PAGE : number * PER_PAGE]
    return Page(page_documents(ids, version=version), number, paginator)


def page_documents(ids: list[int], *, version: str | None = None) -> list[Document]:
    """The documents of one page in the order of `ids` (deleted meanwhile: left out). With a library version
    they are kept in this worker like the rankings (every change to what a result shows gives a new version),
    all but their download counts, which change without one: those are read on each request (one small query,
    no model instances), and each request gets its own copies."""
    if version is None:
        documents = _in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]
    fetched = []
    kept = _kept_or(version, ("documents", tuple(ids)), lambda: fetched.append(_in_bulk(ids)) or fetched[0])
    if fetched:  # just read: their counts are current
        return [fetched[0][pk] for pk in ids if pk in fetched[0]]
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(ids))  # only placeholders go into the SQL: the ids are parameters
        cursor.execute(f"SELECT id, download_count FROM pustaka_document WHERE id IN ({placeholders})", ids)  # noqa: S608
        downloads = dict(cursor.fetchall())
    rows = []
    for pk in ids:
        if pk in kept and pk in downloads:
            document = copy.copy(kept[pk])
            document.download_count = downloads[pk]
            rows.append(document)
    return rows


def _in_bulk(ids: list[int]) -> dict[int, Document]:
    return Document.objects.for_listing().in_bulk(ids)


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


def snippets(documents: list[Document], query: str, *, version: str | None = None) -> dict[int, SafeString]:
    """Where the words matched, with <mark>, for one page of results (one query on PostgreSQL; on SQLite
    from the abstracts already loaded). With a library version, kept in this worker like the rankings:
    ts_headline over twenty abstracts is much of a search's work in PostgreSQL, and it depends only on the
    query and the abstracts (a changed abstract is a new version)."""
    if not query or not documents:
        return {}
    key = ("snippets", query, tuple(document.pk for document in documents))
    return _kept_or(version, key, lambda: _snippets(documents, query))


def _snippets(documents: list[Document], query: str) -> dict[int, SafeString]:
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
