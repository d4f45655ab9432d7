from django.utils.functional import SimpleLazyObject

from accounts.models import RegionProfile


def region_profile(request):
    """The region's name, agency, logo and contacts for the header and footer (one query, only when used)."""
    return {"region": SimpleLazyObject(lambda: RegionProfile.objects.current())}
