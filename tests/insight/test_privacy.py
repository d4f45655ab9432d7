from insight.privacy import MASKED, SMALL, protect


def texts(counts):
    return [cell.text for cell in protect(counts)]


def test_counts_of_five_and_more_are_shown_exactly():
    assert texts([5, 12, 1234]) == ["5", "12", "1.234"]


def test_counts_from_one_to_four_read_less_than_five():
    assert texts([1, 2, 3, 4, 9, 7]) == [SMALL, SMALL, SMALL, SMALL, "9", "7"]


def test_zero_is_shown():
    assert texts([0, 0, 8, 6]) == ["0", "0", "8", "6"]


def test_a_lone_small_cell_takes_the_smallest_other_with_it():
    # Without the second mask, 3 = total − 40 − 7 could be worked out.
    assert texts([40, 3, 7]) == ["40", SMALL, MASKED]


def test_a_lone_small_cell_with_nothing_else_is_simply_small():
    assert texts([2, 0, 0]) == [SMALL, "0", "0"]


def test_hidden_cells_do_not_carry_their_number():
    assert all(cell.number is None for cell in protect([40, 3, 7]) if cell.hidden)
