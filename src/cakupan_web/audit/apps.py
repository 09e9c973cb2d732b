from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cakupan_web.audit"
    label = "cakupan_audit"
