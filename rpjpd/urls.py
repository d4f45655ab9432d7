from django.urls import path

from rpjpd import views

app_name = "rpjpd"

urlpatterns = [
    path("", views.index, name="index"),
    path("balasan/<int:pk>/", views.reply_permalink, name="reply"),
    path("balasan/<int:pk>/balas/", views.answer_reply, name="answer"),
    path("balasan/<int:pk>/ubah/", views.edit_reply, name="edit"),
    path("balasan/<int:pk>/hapus/", views.delete_reply, name="delete"),
    path("balasan/<int:pk>/laporkan/", views.report_reply, name="report"),
    path("utas/<int:pk>/", views.thread, name="thread"),
    path("<slug:section_slug>/", views.section, name="section"),
    path("<slug:section_slug>/<slug:topic_slug>/", views.topic_detail, name="topic"),
    path("<slug:section_slug>/<slug:topic_slug>/balas/", views.reply_to_topic, name="reply_to_topic"),
]
