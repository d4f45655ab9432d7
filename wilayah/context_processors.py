from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from wilayah.models import PROFILE_CACHE_KEY, RegionProfile


def current_region_profile() -> RegionProfile:
    """The profile, kept a minute in each worker: it is on every page and changes once in a blue moon."""
    profile = caches["pages"].get(PROFILE_CACHE_KEY)
    if profile is None:
        profile = RegionProfile.objects.current()
        caches["pages"].set(PROFILE_CACHE_KEY, profile, 60)
    return profile


def region_profile(request):
    """The region's name, agency, logo and contacts for the header and footer (at most one query a minute)."""
    return {"region": SimpleLazyObject(current_region_profile)}
