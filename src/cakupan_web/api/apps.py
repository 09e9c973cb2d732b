from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cakupan_web.api"
    label = "cakupan_api"
