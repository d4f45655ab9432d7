"""The whole dashboard for one period: its five blocks, in the order the page and the export show them."""

from insight import consultations, events, library, participation, reach
from insight.figures import Block
from insight.periods import Period


def blocks(period: Period) -> list[Block]:
    """Every block counted live. The page and the export read the worker's stored count of the live blocks
    when it is fresh (insight/stored.py), which holds exactly these figures."""
    return [
        participation.block(period),
        reach.block(period),
        consultations.block(period),
        events.block(period),
        library.block(period),
    ]
