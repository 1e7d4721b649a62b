from django.urls import path

from oap_directory.api.docs import open_data
from oap_directory.api.openreferral import oruk
from oap_directory.api.v1 import api

urlpatterns = [
    path("open-data/", open_data, name="open_data"),
    path("api/v1/", api.urls),
    path("openreferral/", oruk.urls),
]
