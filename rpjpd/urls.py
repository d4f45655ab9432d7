from django.urls import path

from rpjpd import views

app_name = "rpjpd"

urlpatterns = [
    path("", views.index, name="index"),
]
