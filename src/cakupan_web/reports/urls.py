from django.urls import path

from cakupan_web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("quarterly/", views.report_quarterly, name="quarterly"),
]
