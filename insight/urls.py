from django.urls import path

from insight import views

app_name = "insight"
urlpatterns = [
    path("", views.index, name="index"),
    path("unduh.xlsx", views.download, name="download"),
]
