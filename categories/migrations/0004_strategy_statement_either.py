# A strategy needs a teacher statement or the child's words (Strategy.clean checks one of them is given).

from django.db import migrations, models

TEACHER = models.TextField(
    blank=True, help_text="What the adult does, written for teachers. Give this, the child’s words, or both."
)
CHILD = models.TextField(
    blank=True,
    help_text="In the voice of the child: “I …, so that I …”. Shown first when your council uses the voice of the "
    "child, and always when there is no teacher statement.",
)


class Migration(migrations.Migration):
    dependencies = [
        ("categories", "0003_help_text"),
    ]

    operations = [
        migrations.AlterField(model_name=model, name=name, field=field.clone())
        for model in ("historicalstrategy", "strategy")
        for name, field in (("child_statement", CHILD), ("teacher_statement", TEACHER))
    ]
