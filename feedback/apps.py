from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """What visitors tell the editors: was a page useful, is it out of date, a resource worth adding; and which
    links in the content still work."""

    name = "feedback"
    verbose_name = "Feedback and link checks"
    default_auto_field = "django.db.models.BigAutoField"
