from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "cakupan_web.areas"
    label = "cakupan_areas"
