from django.urls import path

from cakupan_web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_list, name="list"),
    path("download/", views.audit_download, name="download"),
]
