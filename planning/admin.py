from django.contrib import admin

from finder.admin import AnonymousCountsAdmin
from planning.models import PlanTally


@admin.register(PlanTally)
class PlanTallyAdmin(AnonymousCountsAdmin):
    """The counts come from teachers adding interventions to plans."""

    list_display = ["intervention", "month", "count"]
    list_filter = ["month"]
    list_select_related = ["intervention"]
    search_fields = ["intervention__name"]
