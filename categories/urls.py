from django.urls import path

from categories import views

app_name = "categories"

urlpatterns = [
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("strategies/", views.strategy_list, name="strategy_list"),
    path("strategies/<slug:slug>/", views.strategy_detail, name="strategy_detail"),
]
