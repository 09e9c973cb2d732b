from django.urls import path

from cakupan_web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("quarterly/", views.report_quarterly, name="quarterly"),
    path("kur/", views.report_kur, name="kur"),
    path("inpres/", views.report_inpres, name="inpres"),
]
