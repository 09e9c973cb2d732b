from django.urls import path

from cakupan_web.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("allocate/", views.pledge_allocate, name="allocate"),
    path("plan/", views.pledge_plan, name="plan"),
    path("<int:pledge_id>/", views.pledge_detail, name="detail"),
    path("<int:pledge_id>/batch/", views.pledge_batch, name="batch"),
]
