"""Routes of the ops app, included by config/urls.py BEFORE django.contrib.auth's and the admin's, so
that /accounts/login/ is the two-step sign-in and the admin's login page sends people there."""

from django.urls import path
from django.views.generic import RedirectView

from ops import views

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/login/code/", views.otp_verify, name="otp-verify"),
    path("accounts/two-factor/", views.otp_setup, name="otp-setup"),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="admin-login-redirect"),
    path("staff/audit/", views.audit_list, name="audit-list"),
]
