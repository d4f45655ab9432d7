from django.urls import include, path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile_edit, name="profile"),
]

# allauth's own URL names (account_login, account_signup, mfa_index, usersessions_list, …) stay global.
allauth_urlpatterns = [
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("", include("allauth.urls")),
]
