from django.urls import path

from planning import views, views_provision_map

app_name = "planning"
urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("provision-map/", views_provision_map.provision_map, name="provision_map"),
]
