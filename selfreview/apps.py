from django.apps import AppConfig


class SelfReviewConfig(AppConfig):
    name = "selfreview"
    verbose_name = "Whole-school self-evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from selfreview import registration

        registration.register()
