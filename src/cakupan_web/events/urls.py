from django.urls import path

from cakupan_web.events import views

app_name = "events"
urlpatterns = [path("", views.events_page, name="list")]
