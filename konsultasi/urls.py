from django.urls import path

from konsultasi import views

app_name = "konsultasi"

urlpatterns = [
    path("", views.index, name="index"),
]
