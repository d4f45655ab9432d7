"""The per-worker store of kept values (ruangrunding.kept)."""

from ruangrunding.kept import Kept


def test_the_store_keeps_the_most_recently_used():
    store = Kept(2)
    built = []
    for key in ("a", "b", "a", "c", "a", "b"):
        store.get_or_build(key, lambda key=key: built.append(key) or key)
    assert built == ["a", "b", "c", "b"] and len(store) == 2


def test_a_kept_none_is_not_built_again():
    store = Kept(2)
    built = []
    for _ in range(3):
        assert store.get_or_build("leer", lambda: built.append(1)) is None
    assert built == [1] and store.get("leer", "absent") is None and store.get("other", "absent") == "absent"
