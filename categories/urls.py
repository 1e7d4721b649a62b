from django.urls import path

from categories import views

app_name = "categories"

urlpatterns = [
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("categories/<slug:slug>/pdf/", views.category_detail, {"as_pdf": True}, name="category_pdf"),
    path("strategies/", views.strategy_list, name="strategy_list"),
    path("strategies/<slug:slug>/", views.strategy_detail, name="strategy_detail"),
    path("strategies/<slug:slug>/pdf/", views.strategy_detail, {"as_pdf": True}, name="strategy_pdf"),
]
