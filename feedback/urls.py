from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.page_feedback, name="page_feedback"),
    path("suggest-a-resource/", views.suggest_resource, name="suggest_resource"),
]
