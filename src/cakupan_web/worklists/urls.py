from django.urls import path

from cakupan_web.worklists import views

app_name = "worklists"
urlpatterns = [
    path("", views.worklist_list, name="list"),
    path("export/", views.worklist_export, name="export"),
    path("visit/<str:person_key>/", views.visit_form, name="visit"),
    path("import/", views.visits_import, name="import"),
    path("assign/", views.assign, name="assign"),
]
