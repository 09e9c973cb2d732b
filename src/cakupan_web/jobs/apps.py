from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cakupan_web.jobs"
    label = "cakupan_jobs"
