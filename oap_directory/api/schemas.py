"""The shapes of the API's answers, as the OpenAPI document describes them."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema


class Licence(Schema):
    name: str = Field(description="The licence the content may be reused under, e.g. Open Government Licence v3.0.")
    url: str


class Item(Schema):
    uuid: UUID = Field(description="Never changes, even when the slug does.")
    slug: str
    url: str = Field(description="The item's public page.")
    last_reviewed_at: date | None = Field(description="When a specialist last checked it was accurate.")
    updated_at: datetime = Field(description="When the item was last saved.")


class Category(Item):
    name: str
    parent: UUID | None = Field(description="The parent category; null for a top-level framework.")
    children: list[UUID] = Field(description="Its sub-categories, in order.")
    order: int
    summary: str
    introduction: str = Field(description="HTML.")


class Strategy(Item):
    title: str
    teacher_statement: str
    child_statement: str = Field(
        description=(
            "In the voice of the child; empty where the council doesn't use it, unless the strategy has no "
            "teacher statement."
        )
    )
    why: str = Field(description="Why it matters: HTML.")
    how: str = Field(description="How to do it: HTML.")
    level: str | None = Field(description="Level of support.")
    phases: list[str]
    categories: list[UUID]
    tags: list[str]
    resources: list[UUID] = Field(description="In the order the strategy page lists them.")
    interventions: list[UUID]


class Intervention(Item):
    name: str
    summary: str
    description: str = Field(description="HTML.")
    who_delivers: str
    group_size: str
    frequency: str
    duration: str
    cost_per_pupil_per_year: str | None = Field(description="Indicative, in pounds; null for uncosted provision.")
    cost_notes: str
    evidence_strength: str = Field(description="strong, moderate, emerging or not_evaluated.")
    evidence_source_url: str
    level: str
    phases: list[str]
    categories: list[UUID]
    resources: list[UUID]
    tags: list[str]
    is_local_service: bool = Field(description="Also published in the Open Referral UK feed.")
    provider_name: str
    provider_website: str
    contact_name: str
    contact_email: str


class Resource(Item):
    title: str
    link: str = Field(description="Where the resource is: a web address or the file.")
    kind: str = Field(description="document, web_page, video, training or service.")
    summary: str
    provider: str
    audience: str
    phases: list[str]
    tags: list[str]


class Tag(Schema):
    slug: str
    name: str
    url: str


class SearchResult(Schema):
    type: str
    title: str
    url: str
    snippet: str = Field(description="HTML: the matching words are in <mark>.")
    categories: str
    level: str
    phases: list[str]


class Removed(Schema):
    uuid: UUID
    type: str = Field(description="strategy, intervention, resource or category.")
    removed_at: datetime


class Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None
    ignored_filters: list[str] = Field(description="Filter values that matched nothing and were ignored.")
    licence: Licence


class CategoryPage(Page):
    results: list[Category]


class StrategyPage(Page):
    results: list[Strategy]


class InterventionPage(Page):
    results: list[Intervention]


class ResourcePage(Page):
    results: list[Resource]


class TagPage(Page):
    results: list[Tag]


class RemovedPage(Page):
    results: list[Removed]


class SearchPage(Page):
    query: str
    corrected_from: str | None = Field(description="The words searched for, when results are for a correction.")
    suggestion: str | None = Field(description="“Did you mean”, when there were few results.")
    results: list[SearchResult]


class Message(Schema):
    detail: str


class Index(Schema):
    name: str
    licence: Licence
    openapi: str
    documentation: str
    endpoints: dict[str, str]
