from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from cakupan_web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.user_list_view, name="users"),
    path("users/<int:user_id>/disable/", views.user_disable_view, name="disable"),
    path("users/<int:user_id>/link/", views.user_link_view, name="link"),
    path("token/", views.token_view, name="token"),
    # The one-time link of a new user (or a new link for a forgotten password).
    path(
        "setup/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/setup.html",
            success_url=reverse_lazy("accounts:setup_done"),
        ),
        name="setup",
    ),
    path(
        "setup/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/setup_done.html"),
        name="setup_done",
    ),
]
