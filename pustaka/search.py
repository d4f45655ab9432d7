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
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, connections, transaction
from django.db.models import Case, ExpressionWrapper, F, FloatField, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pustaka import indonesian
from pustaka.models import Category, Document, DocumentType
from ruangrunding.kept import Kept

CONFIG = "indonesian"
QUERY_MAX = 200
PER_PAGE = 20
COUNT_CAP = 500


# A query found in more documents than settings.PUSTAKA_RANK_LIMIT is not ranked: ranking reads every matching
# document's vector (3.3 s for a word in all of 500,000 documents, docs/scale.md). Its results come newest
# first instead, which an index gives by reading only about one page of them; the page says so.
NEWEST_FIRST = ("-year", "-created_at", "-pk")
BY_RELEVANCE = ("-rank", "-year", "-pk")  # ties: the newer first


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
# (library_changed), after which no kept ranking is looked up again. What else is derived from the library
# alone is kept alike (a page's documents and snippets, the filters' state, each result's HTML; docs/pustaka.md
# "Kept rankings"); the page around them is rendered on every request. PUSTAKA_SEARCH_CACHE_SECONDS caps how
# long an entry lives (0: nothing is kept), a safety net for a write made behind the portal's back (raw SQL).
VERSION_KEY = "pustaka:library-version"
# Download counts change all day without a new library version (a download changes no ranking): they have a
# version of their own, given anew by every counted download (downloads_changed), under which a page's
# documents with their counts are kept (page_documents).
DOWNLOADS_KEY = "pustaka:downloads-version"
VERSION_KEYS = {"value": VERSION_KEY, "downloads": DOWNLOADS_KEY}
KEPT_RANKINGS = 2000
VERSION_RECHECK_SECONDS = 1.0
# this worker's last reading of the two versions
_version = {"value": None, "downloads": None, "checked_until": 0.0}
_kept = Kept(KEPT_RANKINGS)  # values: (expires at, value)


def library_changed() -> None:
    """Call after any write that may change what a search finds or how it ranks it: a new version now (this
    transaction's own searches see the change) and again once the transaction commits (a search in another
    worker between the two ran on the old data and may have kept its ranking under the first new version)."""
    _new_version("value")
    transaction.on_commit(partial(_new_version, "value"))


def downloads_changed() -> None:
    """Call after a download was counted: the download counts get a new version once the transaction commits
    (at once outside one). Until then every worker reads the counts as they were, under the version before."""
    transaction.on_commit(partial(_new_version, "downloads"))


def _new_version(which: str) -> None:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEYS[which], version, None)
    _version[which] = version


def library_version() -> str | None:
    """The library's current version, or None when rankings are not kept. Read from the shared cache at most
    once a second per worker (VERSION_RECHECK_SECONDS): a change made in another worker shows within a second,
    one made in this worker at once."""
    if not settings.PUSTAKA_SEARCH_CACHE_SECONDS:
        return None
    if _version["checked_until"] <= time.monotonic():
        _read_versions()
    return _version["value"]


def downloads_version() -> str | None:
    """The download counts' current version (None when nothing is kept), read with the library's."""
    if not settings.PUSTAKA_SEARCH_CACHE_SECONDS:
        return None
    if _version["checked_until"] <= time.monotonic():
        _read_versions()
    return _version["downloads"]


def _read_versions() -> None:
    """Both versions from the shared cache (one read); one never set, or lost with the cache, is replaced by a
    fresh one, so nothing kept before is trusted."""
    now = time.monotonic()
    versions = cache.get_many(VERSION_KEYS.values())
    for which, key in VERSION_KEYS.items():
        if versions.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)
            versions[key] = cache.get(key)
        _version[which] = versions[key]
    _version["checked_until"] = now + VERSION_RECHECK_SECONDS


def forget_kept() -> None:
    """Drop this worker's kept rankings and its reading of the version (the test suite, between tests)."""
    _kept.clear()
    _version.update(value=None, downloads=None, checked_until=0.0)


def kept_or(version: str | None, key: tuple, compute):
    """`compute()`, kept in this worker under the library's version like the rankings (None: not kept): for
    anything else derived from the library alone, such as a topic's reading materials."""
    return _kept_or(version, key, compute)


def _kept_or(version: str | None, key: tuple, compute):
    if version is None:
        return compute()
    key = (version, *key)
    now = time.monotonic()
    hit = _kept.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    _kept.put(key, (now + settings.PUSTAKA_SEARCH_CACHE_SECONDS, value))
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

    `documents` gives the queryset to search when called: it is called only when a ranking is not kept.
    `key` names that queryset (the filters' values that make it): with it, what the query finds is kept in this
    worker under the library's version, so a repeated search builds no ranking query at all (not even its SQL
    nor the queryset); the page's documents and snippets are kept alike (page_documents, snippets). A typo's
    correction is ranked as the corrected words are when typed: "irrigasi" reuses what "irigasi" found."""
    version = library_version() if "-download_count" not in ordering and key is not None else None
    limit = settings.PUSTAKA_RANK_LIMIT
    searched = []  # the queryset, built at most once

    def ranked(words: str) -> tuple[list[int], bool]:
        def rank():
            if not searched:
                searched.append(documents())
            return _ranked_ids(searched[0], words, ordering)

        return _kept_or(version, ("ranked", key, words, ordering, limit), rank)

    found = _kept_or(version, ("found", key, query, ordering, limit), lambda: _found(ranked, query))
    page = results_page(found.ranked, number, version=version, snippets_for=found.searched_for)
    return Results(page, found.searched_for, corrected=found.corrected, too_common=found.too_common, version=version)


def _found(ranked, query: str) -> Found:
    ids, too_common = ranked(query)
    if query and not ids and (fixed := corrected(query)):
        ids, too_common = ranked(fixed)
        return Found(ids, fixed, corrected=True, too_common=too_common)
    return Found(ids, query, corrected=False, too_common=too_common)


def _ranked_ids(documents, query: str, ordering: tuple[str, ...]) -> tuple[list[int], bool]:
    """The ids in the order asked for, and whether the query is too common to rank. A single query over ids
    only: the first COUNT_CAP + 1 give both the page and the count (sorting thousands of narrow rows is far
    cheaper than sorting whole documents, and nobody pages past the 25th page: beyond the cap the page says
    "lebih dari 500" and suggests filters)."""
    matching = search(documents, query)
    if query and ordering == BY_RELEVANCE:
        ids, too_common = _ranked_by_relevance(matching)
        if not too_common:
            return ids, False
        ordering = NEWEST_FIRST
    else:
        too_common = False
    return list(matching.order_by(*ordering).values_list("pk", flat=True)[: COUNT_CAP + 1]), too_common


def _ranked_by_relevance(matching) -> tuple[list[int], bool]:
    """By relevance, while the query is found in at most PUSTAKA_RANK_LIMIT documents (else too common: True,
    and no ids). One query: the matches are read once, at most the limit and one more, each ranked, and counted
    while sorted (the count says whether the limit was passed); the order is the ORM's for BY_RELEVANCE."""
    if matching.query.is_empty():
        return [], False
    limit = settings.PUSTAKA_RANK_LIMIT
    within = (
        matching.order_by()
        .annotate(ranked_id=F("pk"), ranked_year=F("year"))
        .values_list("ranked_id", "ranked_year", "rank")[: limit + 1]
    )
    database = connections[within.db]
    sql, params = within.query.get_compiler(connection=database).as_sql()
    ranked_id, ranked_year, rank, ranked = map(database.ops.quote_name, ("ranked_id", "ranked_year", "rank", "ranked"))
    with database.cursor() as cursor:
        cursor.execute(
            f"SELECT {ranked_id}, COUNT(*) OVER () FROM ({sql}) {ranked}"  # noqa: S608 — the ORM's SQL, its parameters
            f" ORDER BY {rank} DESC, {ranked_year} DESC, {ranked_id} DESC LIMIT {COUNT_CAP + 1}",
            params,
        )
        rows = cursor.fetchall()
    if rows and rows[0][1] > limit:
        return [], True
    return [pk for pk, _count in rows], False


def results_page(ranked: list[int], number: int, *, version: str | None = None, snippets_for: str = "") -> Page:
    """One page of the ranked ids' documents. Past the end: the last page."""
    paginator = Paginator(ranked, PER_PAGE)
    paginator.capped = len(ranked) > COUNT_CAP
    paginator.count = min(len(ranked), COUNT_CAP)
    if not ranked:
        return Page([], 1, paginator)
    number = min(number, paginator.num_pages)
    ids = ranked[(number - 1) * PER_PAGE : number * PER_PAGE]
    return Page(page_documents(ids, version=version, snippets_for=snippets_for), number, paginator)


def page_documents(ids: list[int], *, version: str | None = None, snippets_for: str = "") -> list[Document]:
    """The documents of one page in the order of `ids` (deleted meanwhile: left out). With a library version
    they are kept in this worker like the rankings (every change to what a result shows gives a new version).
    Their download counts change without one: they are kept under the downloads' version as well (every
    counted download gives a new one, downloads_changed), read before the counts are, so counts kept under a
    version are never older than it. The documents handed out are shared by the requests of one version: a
    page only reads them. On PostgreSQL, documents read for a search also bring their snippets for
    `snippets_for` (the query searched), kept as `snippets` would keep them: one query instead of two."""
    if version is None:
        documents = _in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]
    ids = tuple(ids)
    counts_version = downloads_version()
    headlines = snippets_for if snippets_for and is_postgres() else ""
    fetched = []
    kept = _kept_or(
        version, ("documents", ids), lambda: fetched.append(_in_bulk(ids, headlines, version=version)) or fetched[0]
    )
    if fetched:  # just read: their counts are current
        present = [kept[pk] for pk in ids if pk in kept]
        if headlines:
            found = {document.pk: _marked(document.__dict__.pop("snippet")) for document in present}
            _kept_or(version, _snippets_key(headlines, present), lambda: found)
        rows = _kept_or(version, ("rows", ids, counts_version), lambda: present)
    else:
        rows = _kept_or(version, ("rows", ids, counts_version), lambda: _with_current_counts(kept, ids))
    return list(rows)


def _with_current_counts(kept: dict[int, Document], ids: tuple[int, ...]) -> list[Document]:
    """Copies of the kept documents (which stay as they were read) with their download counts read now."""
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


def _in_bulk(ids, headlines: str = "", *, version: str | None = None) -> dict[int, Document]:
    """The documents of `ids` with their category and type (and, with `headlines`, their snippets for it as
    `snippet`). With a library version the categories and types are taken from the lists kept under it (a
    changed category or type is a new version) instead of being joined and built again for every document."""
    documents = Document.objects.defer("search_vector") if version else Document.objects.for_listing()
    if headlines:
        documents = documents.annotate(snippet=_headline(headlines))
    found = documents.order_by().in_bulk(ids)
    if version is None:
        return found
    categories = _kept_or(version, ("categories",), Category.objects.in_bulk)
    kinds = _kept_or(version, ("document-types",), DocumentType.objects.in_bulk)
    if any(d.category_id not in categories or d.document_type_id not in kinds for d in found.values()):
        return _in_bulk(ids, headlines)  # one added since the lists were read (its version not seen yet)
    for document in found.values():
        CATEGORY.set_cached_value(document, categories[document.category_id])  # as select_related does
        DOCUMENT_TYPE.set_cached_value(document, kinds[document.document_type_id])
    return found


CATEGORY, DOCUMENT_TYPE = Document._meta.get_field("category"), Document._meta.get_field("document_type")


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
    """Where the words matched, with <mark>, for one page of results (one query on PostgreSQL, unless the
    documents were just read with them, page_documents; on SQLite from the abstracts already loaded). With a
    library version, kept in this worker like the rankings: ts_headline over twenty abstracts is much of a
    search's work in PostgreSQL, and it depends only on the query and the abstracts (a changed abstract is a
    new version)."""
    if not query or not documents:
        return {}
    return _kept_or(version, _snippets_key(query, documents), lambda: _snippets(documents, query))


def _snippets_key(query: str, documents: list[Document]) -> tuple:
    return ("snippets", query, tuple(document.pk for document in documents))


def _snippets(documents: list[Document], query: str) -> dict[int, SafeString]:
    ids = [document.pk for document in documents]
    if is_postgres():
        rows = Document.objects.filter(pk__in=ids).annotate(snippet=_headline(query))
        return {row.pk: _marked(row.snippet) for row in rows.only("pk", "abstract")}
    return {document.pk: indonesian.highlight(document.abstract, query) for document in documents}


def _headline(query: str) -> SearchHeadline:
    text_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    return SearchHeadline(
        "abstract",
        text_query,
        config=CONFIG,
        start_sel="<mark>",
        stop_sel="</mark>",
        max_words=30,
        min_words=12,
        max_fragments=2,
    )


def _marked(snippet: str) -> SafeString:
    """ts_headline copies the abstract's text as it is: escape it, then restore only our <mark> tags."""
    return mark_safe(escape(snippet).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))  # noqa: S308
