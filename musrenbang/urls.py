from django.urls import path

from musrenbang import views
from musrenbang.feeds import DecisionsFeed, DesaDecisionsFeed

app_name = "musrenbang"

urlpatterns = [
    path("", views.index, name="index"),
    path("usulkan/", views.create, name="create"),
    path("unduh.xlsx", views.download, name="download"),
    path("feed/kecamatan/<int:pk>/", DecisionsFeed(), name="feed_kecamatan"),
    path("feed/desa/<int:pk>/", DesaDecisionsFeed(), name="feed_desa"),
    path("kelola/", views.worklist, name="worklist"),
    path("kelola/sipd.xlsx", views.sipd_download, name="sipd_download"),
    path("kelola/catat/", views.record, name="record"),
    path("kelola/impor/", views.import_upload, name="import_upload"),
    path("kelola/impor/templat.xlsx", views.import_template, name="import_template"),
    path("kelola/impor/<int:pk>/", views.import_detail, name="import_detail"),
    path("kelola/impor/<int:pk>/impor/", views.import_apply, name="import_apply"),
    path("kelola/jadwal/<int:pk>/buka-kembali/", views.window_reopen, name="window_reopen"),
    path("kelola/<slug:code>/putuskan/", views.decide, name="decide"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/ikuti/", views.follow, name="follow"),
]
