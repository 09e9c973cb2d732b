from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "cakupan_web.pledges"
    label = "cakupan_pledges"
