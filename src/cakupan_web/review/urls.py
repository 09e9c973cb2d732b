from django.urls import path

from cakupan_web.review import views

app_name = "review"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("decide/", views.review_decide, name="decide"),
]
