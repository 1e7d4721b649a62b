from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("interventions/", views.intervention_list, name="intervention_list"),
    path("interventions/<slug:slug>/", views.intervention_detail, name="intervention_detail"),
    path("interventions/<slug:slug>/pdf/", views.intervention_detail, {"as_pdf": True}, name="intervention_pdf"),
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/<slug:slug>/", views.resource_detail, name="resource_detail"),
    path("resources/<slug:slug>/file/", views.resource_file, name="resource_file"),
]
