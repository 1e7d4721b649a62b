from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "finder"
    verbose_name = "Needs finder"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from finder import registration

        registration.register()
