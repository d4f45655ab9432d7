from django.urls import path

from pustaka import views

app_name = "pustaka"

urlpatterns = [
    path("", views.index, name="index"),
]
