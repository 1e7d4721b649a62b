"""A small published framework: two sections, five statements, the four-point scale, one statutory statement and
one council target."""

from selfreview.models import Framework, RatingLevel, RatingScale, Section, Statement, TargetLevel
from tests.factories import make_category, make_strategy

LEVELS = [("not-yet", "Not yet"), ("emerging", "Emerging"), ("developing", "Developing"), ("embedded", "Embedded")]


def make_scale():
    scale, created = RatingScale.objects.get_or_create(name="Four-point scale")
    if created:
        for score, (slug, label) in enumerate(LEVELS):
            RatingLevel.objects.create(scale=scale, slug=slug, label=label, score=score)
    return scale


def make_framework(sections=2, per_section=3, publish=True, slug="whole-school"):
    scale = make_scale()
    framework = Framework.objects.create(name="Whole-school SEND self-evaluation", slug=slug, scale=scale)
    category = make_category(slug=f"{slug}-category")
    strategy = make_strategy(categories=[category], title="Keep SEND on every leadership agenda")
    for s in range(sections):
        section = Section.objects.create(framework=framework, title=f"Section {s + 1}", order=s, category=category)
        for n in range(per_section):
            statement = Statement.objects.create(
                section=section, text=f"Statement {s + 1}.{n + 1}", order=n, is_statutory=(s, n) == (0, 0)
            )
            statement.strategies.set([strategy])
    first = Statement.objects.filter(section__framework=framework).order_by("section__order", "order")
    TargetLevel.objects.create(statement=first[1], level=scale.levels.get(slug="embedded"))
    if publish:
        framework.publish()
    return framework


def statements(framework):
    return list(Statement.objects.filter(section__framework=framework).order_by("section__order", "order"))
