"""The test settings with the visitor micro-cache on (as in production), for the servers tests/scale start."""

from ruangrunding.env import env_int
from tests.settings import *  # noqa: F403

VISITOR_PAGE_CACHE_SECONDS = env_int("VISITOR_PAGE_CACHE_SECONDS", 10, minimum=0)
