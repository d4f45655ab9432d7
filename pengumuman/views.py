from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.csp import CSP
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from pengumuman.areas import area_from, unit_key
from pengumuman.models import Announcement
from ruangrunding.caching import cache_for_visitors
from ruangrunding.mail import absolute_url
from ruangrunding.paging import paginate
from wilayah.models import Desa, Kecamatan

PER_PAGE = 20
EMBED_DEFAULT, EMBED_MAX = 5, 10

# The embed is the one page other sites may frame. It is safe to: it only shows public, published text;
# it has no form, sets no cookie and reads none (a cross-site frame does not get our Lax session cookie), and
# its links open the portal in a new tab. Everything else it may load is our own stylesheet.
EMBED_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": ["https:", "http:"],
}


@require_safe
@cache_for_visitors(query_parameters={"halaman", "kecamatan", "desa"})
def index(request):
    """Everyone: the published announcements, pinned first; optionally those one kecamatan or desa sees."""
    area = area_from(request.GET)
    announcements = area.filter(Announcement.objects.published()).listing()
    page = paginate(announcements, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    return render(request, "pengumuman/index.html", {"page": page, "area": area})


@require_safe
@cache_for_visitors(query_parameters=set())
def detail(request, pk):
    """Everyone: one published announcement, with Open Graph tags for link previews."""
    announcement = get_object_or_404(Announcement.objects.published().select_related("kecamatan", "desa"), pk=pk)
    og = {
        "type": "article",
        "title": announcement.title,
        "description": announcement.short_text,
        "url": absolute_url(announcement.get_absolute_url()),
        "image": absolute_url(announcement.image.url) if announcement.image else "",
    }
    return render(request, "pengumuman/detail.html", {"announcement": announcement, "og": og})


def _embed_count(value) -> int:
    try:
        return min(max(int(value), 1), EMBED_MAX)
    except (TypeError, ValueError):
        return EMBED_DEFAULT


@require_safe
@xframe_options_exempt
@csp_override(EMBED_CSP)
@cache_control(public=True, max_age=300)
@cache_for_visitors(query_parameters={"kecamatan", "desa", "jumlah"})
def embed(request):
    """Everyone, inside an <iframe> on a desa or KIM website: the latest announcements for a desa or
    kecamatan, a self-contained page needing none of the portal's JavaScript."""
    area = area_from(request.GET)
    count = _embed_count(request.GET.get("jumlah"))
    announcements = list(area.filter(Announcement.objects.published()).listing()[:count])
    more = absolute_url(reverse("pengumuman:index")) + (f"?{area.query}" if area.query else "")
    return render(request, "pengumuman/embed.html", {"announcements": announcements, "area": area, "more": more})


@require_safe
def install(request):
    """Everyone (desa operators, KIM): the copy-paste code to show the announcements on their own website."""
    area = area_from(request.GET)
    embed_url = absolute_url(reverse("pengumuman:embed")) + (f"?{area.query}" if area.query else "")
    feed_url = absolute_url(reverse("pengumuman:feed")) + (f"?{area.query}" if area.query else "")
    kecamatan_list = Kecamatan.objects.active()
    desa_list = Desa.objects.active().filter(kecamatan__active=True).select_related("kecamatan")
    context = {
        "area": area,
        "embed_url": embed_url,
        "feed_url": feed_url,
        "kecamatan_choices": [(unit_key(k), k.name) for k in kecamatan_list],
        "desa_choices": [(unit_key(d), f"{d.kecamatan.name} — {d}") for d in desa_list],
        "selected": unit_key(area.desa) if area.desa else unit_key(area.kecamatan) if area.kecamatan else "",
    }
    return render(request, "pengumuman/install.html", context)
