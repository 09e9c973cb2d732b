from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cakupan_web.accounts"
    label = "cakupan_accounts"
    default_auto_field = "django.db.models.BigAutoField"
