from django.urls import path

from konsultasi import views

app_name = "konsultasi"

urlpatterns = [
    path("", views.index, name="index"),
    path("saya/", views.my_consultations, name="mine"),
    path("semua/", views.staff_list, name="staff_list"),
    path("pakar/<int:pk>/", views.expert_detail, name="expert"),
    path("pakar/<int:pk>/konsultasi/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/kirim/", views.message_send, name="send"),
    path("<int:pk>/selesai/", views.consultation_close, name="close"),
    path("<int:pk>/lampiran/<int:message_pk>/", views.attachment, name="attachment"),
]
