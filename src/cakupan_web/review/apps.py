from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cakupan_web.review"
    label = "cakupan_review"
