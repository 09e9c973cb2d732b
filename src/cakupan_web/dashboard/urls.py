from django.urls import path

from cakupan_web.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("map.svg", views.map_svg, name="map_svg"),
    path("map.png", views.map_svg, name="map_png"),
]
