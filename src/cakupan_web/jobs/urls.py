from django.urls import path

from cakupan_web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("refresh/", views.refresh_start, name="refresh"),
    path("<uuid:job_id>/", views.job_detail, name="detail"),
]
