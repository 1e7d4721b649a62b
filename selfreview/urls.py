from django.urls import path

from selfreview import views

app_name = "selfreview"
urlpatterns = [
    path("self-evaluation/", views.self_evaluation, name="self_evaluation"),
    path("self-evaluation/share/", views.share, name="share"),
]
