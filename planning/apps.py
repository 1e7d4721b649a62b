from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = "Plans and provision maps"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from planning import registration

        registration.register()
