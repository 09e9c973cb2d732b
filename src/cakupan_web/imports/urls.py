from django.urls import path

from cakupan_web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload_start, name="start"),
    path("history/", views.snapshot_history, name="history"),
    path("<uuid:upload_id>/", views.upload_detail, name="detail"),
    path("<uuid:upload_id>/mapping/", views.upload_mapping, name="mapping"),
    path("<uuid:upload_id>/confirm/", views.upload_confirm, name="confirm"),
    path("<uuid:upload_id>/discard/", views.upload_discard, name="discard"),
    path("<uuid:upload_id>/rejected/", views.upload_rejected, name="rejected"),
]
