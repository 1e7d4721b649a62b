"""The planning tools keep no plan and no provision map: those live on the teacher's device and in files they
download. The only thing stored is how often each intervention was added to a plan in a month: one number."""

from django.db import models

from resources.models import Intervention


class PlanTally(models.Model):
    """How many times an intervention was added to a plan in a month: anonymous, nothing about who or which pupil."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="plan_tallies", help_text="The intervention counted."
    )
    month = models.DateField(help_text="The first day of the month counted.")
    count = models.PositiveIntegerField(default=0, help_text="How many times it was added to a plan that month.")

    class Meta:
        ordering = ["-month", "-count"]
        verbose_name_plural = "plan tallies"
        constraints = [models.UniqueConstraint(fields=["intervention", "month"], name="one_plan_tally_per_month")]

    def __str__(self):
        return f"{self.intervention}: added to {self.count} plans in {self.month:%B %Y}"
