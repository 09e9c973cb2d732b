from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cakupan_web.api.views import api
from cakupan_web.areas import views as area_views

urlpatterns = [
    path("", include("cakupan_web.dashboard.urls")),
    path("jobs/", include("cakupan_web.jobs.urls")),
    path("imports/", include("cakupan_web.imports.urls")),
    path("review/", include("cakupan_web.review.urls")),
    path("pledges/", include("cakupan_web.pledges.urls")),
    path("events/", include("cakupan_web.events.urls")),
    path("reports/", include("cakupan_web.reports.urls")),
    path("api/v1/", api.urls),
    path("worklists/", include("cakupan_web.worklists.urls")),
    path("audit/", include("cakupan_web.audit.urls")),
    path("areas/", include("cakupan_web.areas.urls")),
    path("progress/", area_views.progress, name="progress"),
    path("accounts/", include("cakupan_web.accounts.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
