from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.urls import allauth_urlpatterns
from api.views import api as api_v1
from beranda import views as beranda_views
from ruangrunding import views

admin.site.site_header = _("Ruang Runding — Administrasi")
admin.site.site_title = _("Ruang Runding")
admin.site.index_title = _("Kelola portal")

urlpatterns = [
    path("", beranda_views.home, name="home"),
    path("panduan/", views.guide, name="guide"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Pages without our <link rel="icon"> (the admin) make browsers ask for /favicon.ico.
    path("favicon.ico", views.favicon, name="favicon"),
    path("akun/", include("accounts.urls")),
    path("akun/", include(allauth_urlpatterns)),
    path("rpjpd/", include("rpjpd.urls")),
    path("konsultasi/", include("konsultasi.urls")),
    path("pustaka/", include("pustaka.urls")),
    path("musrenbang/", include("musrenbang.urls")),
    path("pengaduan/", include("pengaduan.urls")),
    path("pengumuman/", include("pengumuman.urls")),
    path("agenda/", include("agenda.urls")),
    path("staf/dasbor/", include("insight.urls")),
    path("api/v1/", api_v1.urls),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler429 = "ruangrunding.views.handler429"
handler500 = "ruangrunding.views.server_error"
