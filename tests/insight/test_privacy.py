"""The small-count protection, attacked the way a reader who knows the exact total would attack it.

The attacker below is written independently of insight/privacy.py: it knows the rule (it may call `protect`
on any table it imagines) and the exact total (the public topic pages name every author), tries every table
that the published cells allow, and keeps those that would be published the same way. Whatever a "< 5" cell
could be in those tables is all the attacker learns about it."""

import dataclasses
import itertools
import random

import pytest

from insight.privacy import SMALL, protect


def texts(counts):
    cells = protect(counts)
    return None if cells is None else [cell.text for cell in cells]


def possible_values(published: list[str], total: int) -> list[set[int]]:
    """Every value each cell can have in a table with this exact total that is published exactly like this."""
    ranges = []
    for text in published:
        if text == SMALL:
            ranges.append(range(1, 5))
        elif text == "*":  # the old rule's second mask: anything from 5 up
            ranges.append(range(5, total + 1))
        else:  # a shown number: exact, or rounded to a multiple of at most 5 — within 4 either way
            number = int(text.replace(".", ""))
            ranges.append(range(max(0, number - 4), number + 5))
    possible = [set() for _ in published]
    for head in itertools.product(*ranges[:-1]):
        table = [*head, total - sum(head)]
        if table[-1] in ranges[-1] and texts(table) == published:
            for cell, value in zip(possible, table, strict=True):
                cell.add(value)
    return possible


def assert_no_small_cell_can_be_narrowed(counts):
    published = texts(counts)
    if published is None:  # not shown at all: nothing to solve
        return
    possible = possible_values(published, sum(counts))
    for text, values in zip(published, possible, strict=True):
        if text == SMALL:
            assert values == {1, 2, 3, 4}, (counts, published, values)


@pytest.mark.parametrize(
    "counts",
    [
        [1, 1, 40, 50],  # the example: with the total 92, both hidden cells were exactly 1
        [40, 3, 7],
        [1, 38],  # rounding alone: 38 → "40", and 39 − (38 … 42) leaves only 1
        [4, 42],  # … and 46 − (38 … 42) leaves only 4
        [3, 0, 0, 0],  # a lone small cell beside zeros is the total itself
        [2, 2, 9, 0, 17],
    ],
)
def test_hidden_cells_cannot_be_solved_from_the_exact_total(counts):
    assert_no_small_cell_can_be_narrowed(counts)


def test_no_random_breakdown_gives_a_small_cell_away():
    rng = random.Random(2045)  # noqa: S311 — a repeatable sample of tables, not a secret
    for _ in range(1000):
        size = rng.randint(2, 4)
        assert_no_small_cell_can_be_narrowed([rng.choice([0, 1, 2, 3, 4, rng.randint(5, 30)]) for _ in range(size)])


def test_every_shown_count_is_rounded_to_five():
    assert texts([5, 7, 8, 12, 13, 1234]) == ["5", "5", "10", "10", "15", "1.235"]


def test_counts_from_one_to_four_read_less_than_five():
    assert texts([1, 2, 3, 4, 19, 27]) == [SMALL, SMALL, SMALL, SMALL, "20", "25"]


def test_zero_is_shown():
    assert texts([0, 0, 8, 6]) == ["0", "0", "10", "5"]


def test_a_breakdown_that_would_give_a_small_cell_away_is_not_shown():
    # 39 people in all, "40" means 38 to 42: the "< 5" could only be 1.
    assert protect([1, 38]) is None
    assert protect([3, 0, 0]) is None


def test_hidden_cells_do_not_carry_their_number():
    # Neither a hidden nor a shown cell holds its exact count, in any field: only the rounded one or nothing.
    exact = [3, 7, 12, 41, 2]
    cells = protect(exact)
    assert cells is not None
    for cell, number in zip(cells, exact, strict=True):
        fields = dataclasses.astuple(cell)
        assert number not in fields and str(number) not in cell.text, (number, cell)
