from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from oap_directory import views
from oap_directory.media import serve_media
from oap_directory.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("categories.urls")),
    path("", include("resources.urls")),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search_suggest"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Uploaded files, when Django serves them itself (DEBUG or SERVE_MEDIA; otherwise the web server does).
urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, name="media"))
