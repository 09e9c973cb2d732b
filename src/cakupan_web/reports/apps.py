from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cakupan_web.reports"
    label = "cakupan_reports"
