from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.index, name="index"),
    path("agenda.ics", views.calendar_feed, name="calendar"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path("daftar/<int:pk>/", views.apply, name="apply"),
    path("aspirasi/<int:pk>/", views.aspiration_create, name="aspiration"),
    path("mundur/<str:token>/", views.decline, name="decline"),
    path("staf/", views.staff_index, name="staff_index"),
    path("staf/<int:pk>/", views.staff_selection, name="staff_selection"),
    path("staf/<int:pk>/hadir/", views.attendance, name="attendance"),
    path("staf/aspirasi/<int:pk>/", views.staff_aspiration, name="staff_aspiration"),
]
