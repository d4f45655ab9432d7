from django.urls import path

from pustaka import views
from pustaka.feeds import NewDocumentsFeed

app_name = "pustaka"

urlpatterns = [
    path("", views.index, name="index"),
    path("dokumen/<int:pk>/", views.document_detail, name="document_short"),
    path("dokumen/<int:pk>/<slug:slug>/", views.document_detail, name="document"),
    path("berkas/<int:pk>/unduh/", views.download, name="download"),
    path("berkas/<int:pk>/lihat/", views.view_pdf, name="view"),
    path("terbaru.atom", NewDocumentsFeed(), name="feed"),
    path("data.json", views.open_data_json, name="data_json"),
    path("data.csv", views.open_data_csv, name="data_csv"),
]
