from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from wilayah.models import PROFILE_CACHE_KEY, RegionProfile


def current_region_profile() -> RegionProfile:
    """The profile, kept a minute in each worker: it is on every page and changes once in a blue moon. The
    entry in the worker's page cache says how long (it expires, RegionProfile.save deletes it, the test suite
    clears it); while it is there the worker hands out the copy it read last instead of unpickling another
    one on every request. Pages only read it."""
    pages = caches["pages"]
    profile = _last_read["profile"]
    if profile is not None and pages.has_key(PROFILE_CACHE_KEY):
        return profile
    profile = pages.get(PROFILE_CACHE_KEY)
    if profile is None:
        profile = RegionProfile.objects.current()
        pages.set(PROFILE_CACHE_KEY, profile, 60)
    _last_read["profile"] = profile
    return profile


_last_read = {"profile": None}


def region_profile(request):
    """The region's name, agency, logo and contacts for the header and footer (at most one query a minute)."""
    return {"region": SimpleLazyObject(current_region_profile)}
