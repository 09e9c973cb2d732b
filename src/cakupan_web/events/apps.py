from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "cakupan_web.events"
    label = "cakupan_events"
