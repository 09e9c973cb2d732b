from django.apps import AppConfig


class CakupanWebConfig(AppConfig):
    name = "cakupan_web"
    label = "cakupan_web"
    default_auto_field = "django.db.models.BigAutoField"
