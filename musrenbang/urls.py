from django.urls import path

from musrenbang import views

app_name = "musrenbang"

urlpatterns = [
    path("", views.index, name="index"),
    path("usulkan/", views.create, name="create"),
    path("kelola/", views.worklist, name="worklist"),
    path("kelola/jadwal/<int:pk>/buka-kembali/", views.window_reopen, name="window_reopen"),
    path("kelola/<slug:code>/putuskan/", views.decide, name="decide"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/ikuti/", views.follow, name="follow"),
]
