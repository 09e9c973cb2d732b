from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "cakupan_web.worklists"
    label = "cakupan_worklists"
