"""Indonesian text for the library's search on SQLite, made to behave as PostgreSQL's does: words stemmed with
the Snowball Indonesian stemmer (the algorithm behind PostgreSQL's `indonesian` configuration, so "pembangunan"
and "membangun" both become "bangun"), a web-search query syntax like `websearch_to_tsquery` turned into an
FTS5 expression, trigram similarity computed as `pg_trgm` computes it, and highlighted snippets."""

import re
import threading
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"[^\W_]+")  # letters and digits: the words PostgreSQL's parser keeps
LEXICON_WORD_MIN = 4  # as the PostgreSQL lexicon view: alphabetic words of at least four letters
SIMILARITY_THRESHOLD = 0.3  # pg_trgm.similarity_threshold's default; `a % b` holds when similarity >= it
_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("indonesian")
    return _local.stemmer


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A word's stem; words with digits are kept as they are (PostgreSQL maps them to the `simple`
    dictionary)."""
    word = word.lower()
    return _stemmer().stemWord(word) if word.isalpha() else word


def stems(text: str) -> list[str]:
    return [stem(word) for word in WORD.findall(text)]


def index_text(text: str) -> str:
    """What the full-text index stores for a text: its stems, space separated."""
    return " ".join(stems(text))


def match_expression(query: str) -> str | None:
    """An FTS5 expression for a query in web-search syntax, as `websearch_to_tsquery` reads it: words are all
    required, `or` between words offers alternatives, "quoted words" must stand together, a leading `-`
    excludes a word. Every term is quoted, so nothing typed is read as FTS5 syntax. None when no word is
    left to search for."""
    groups: list[list[tuple[bool, str]]] = [[]]
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', query):
        negated, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":
                if groups[-1]:
                    groups.append([])
                continue
            negated, phrase = ("-" if bare.startswith("-") else ""), bare.lstrip("-")
        words = stems(phrase)
        if words:
            groups[-1].append((bool(negated), '"' + " ".join(words) + '"'))
    alternatives = []
    for group in groups:
        required = [term for negated, term in group if not negated]
        excluded = [term for negated, term in group if negated]
        if required:
            alternatives.append("(" + " AND ".join(required) + "".join(f" NOT {term}" for term in excluded) + ")")
    return " OR ".join(alternatives) or None


def query_stems(query: str) -> set[str]:
    """The stems a query looks for (not the excluded ones, not `or`): what a snippet marks."""
    wanted = set()
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', query):
        negated, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or" or bare.startswith("-"):
                continue
            phrase = bare
        if not negated:
            wanted.update(stems(phrase))
    return wanted


def lexicon_words(text: str) -> set[str]:
    """The words of a text as the typo-correction lexicon keeps them: lower case, letters only, four or more."""
    return {word for word in WORD.findall(text.lower()) if len(word) >= LEXICON_WORD_MIN and word.isalpha()}


def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: lower case, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(first: str, second: str) -> float:
    """pg_trgm's `similarity()`: shared trigrams over all distinct trigrams of the two words."""
    a, b = trigrams(first), trigrams(second)
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def closest(word: str, lexicon: list[str]) -> str | None:
    """The lexicon's word most similar to `word` (ties: alphabetical), if it is similar enough — what
    `word % l.word ORDER BY similarity DESC, l.word LIMIT 1` finds on PostgreSQL."""
    wanted = trigrams(word)
    best, best_score = None, 0.0
    for candidate in lexicon:
        theirs = trigrams(candidate)
        shared = len(wanted & theirs)
        if not shared:
            continue
        score = shared / (len(wanted) + len(theirs) - shared)
        if score >= SIMILARITY_THRESHOLD and (score > best_score or (score == best_score and candidate < best)):
            best, best_score = candidate, score
    return best


def highlight(text: str, query: str, *, max_words: int = 30) -> SafeString:
    """Up to `max_words` words of `text` around the first word matching the query, each matching word (same
    stem) in <mark>; everything else escaped. Like `ts_headline`: the start of the text when nothing
    matches."""
    if not text:
        return mark_safe("")
    wanted = query_stems(query)
    words = list(WORD.finditer(text))
    hits = [number for number, word in enumerate(words) if stem(word.group()) in wanted]
    # a few words before the first match, the window kept full when the match is near the end
    first = max(0, min(hits[0] - max_words // 4, len(words) - max_words)) if hits else 0
    marked = set(hits)
    shown = words[first : first + max_words]
    if not shown:
        return mark_safe(escape(text))  # noqa: S308 — escaped
    start = shown[0].start() if first else 0
    end = len(text) if first + max_words >= len(words) else shown[-1].end()
    parts, position = [], start
    for number, word in enumerate(shown, start=first):
        if number in marked:
            parts.append(escape(text[position : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    parts.append(escape(text[position:end]))
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    return mark_safe(prefix + "".join(parts).strip() + suffix)  # noqa: S308 — every piece escaped above
