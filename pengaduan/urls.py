from django.urls import path

from pengaduan import open311, views

app_name = "pengaduan"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("saya/", views.mine, name="mine"),
    path("konfirmasi/<str:code>/<str:token>/", views.confirm, name="confirm"),
    path("lacak/<str:code>/<str:secret>/", views.track, name="track"),
    path("kelola/", views.queue, name="queue"),
    path("kelola/catat/", views.record, name="record"),
    path("kelola/laporan/", views.report_view, name="report"),
    path("kelola/<str:code>/", views.manage, name="manage"),
    path("kelola/<str:code>/<slug:action>/", views.act, name="act"),
    path("open311/v2/services.json", open311.services, name="open311_services"),
    path("open311/v2/requests.json", open311.requests, name="open311_requests"),
    path("open311/v2/requests/<str:code>.json", open311.request_detail, name="open311_request"),
    path("<str:code>/lampiran/<int:pk>/", views.attachment, name="attachment"),
    path("<str:code>/", views.detail, name="detail"),
]
