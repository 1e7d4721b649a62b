from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from oap_directory import editor_images, views
from oap_directory.media import serve_media
from oap_directory.my_list import views as my_list
from oap_directory.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("categories.urls")),
    path("", include("resources.urls")),
    path("", include("selfreview.urls")),
    path("", include("finder.urls")),
    path("", include("feedback.urls")),
    path("", include("planning.urls")),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search_suggest"),
    path("about/", views.about, name="about"),
    path("glossary/", views.glossary, name="glossary"),
    path("my-list/", my_list.my_list_page, name="my_list"),
    path("my-list/pdf/", my_list.my_list_pdf, name="my_list_pdf"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("", include("oap_directory.api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # django_ckeditor_5's only URL, with our own view: verified staff sessions only, damaged images refused.
    path("ckeditor5/image_upload/", editor_images.upload, name="ck_editor_5_upload_file"),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Uploaded files, when Django serves them itself (DEBUG or SERVE_MEDIA; otherwise the web server does).
urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, name="media"))
