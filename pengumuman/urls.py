from django.urls import path

from pengumuman import views
from pengumuman.feeds import AnnouncementFeed

app_name = "pengumuman"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("terbaru.atom", AnnouncementFeed(), name="feed"),
    path("sematan/", views.embed, name="embed"),
    path("pasang/", views.install, name="install"),
]
