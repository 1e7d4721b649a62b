from django.urls import path

from finder import views

app_name = "finder"

urlpatterns = [
    path("finder/", views.finder, name="finder"),
]
