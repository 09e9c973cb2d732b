from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "cakupan_web.imports"
    label = "cakupan_imports"
