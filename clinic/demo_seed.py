"""Load the demo clinic's patient information: sources, conditions, pages and the FAQ.

Safe to run again: rows are found by their natural keys and updated, never duplicated.
"""

from clinic import demo_content
from clinic.models import Condition, FAQEntry, InfoPage, Source


def seed_content() -> None:
    sources = {
        key: Source.objects.update_or_create(
            title=item["title"],
            publisher=item["publisher"],
            year=item["year"],
            defaults={"url": item["url"]},
        )[0]
        for key, item in demo_content.SOURCES.items()
    }
    for model, items in ((Condition, demo_content.CONDITIONS), (InfoPage, demo_content.INFO_PAGES)):
        for order, item in enumerate(items):
            fields = {k: v for k, v in item.items() if k != "sources"}
            page, _ = model.objects.update_or_create(
                slug=item["slug"],
                defaults={**fields, **demo_content.REVIEW, "order": order, "is_published": True},
            )
            page.sources.set([sources[key] for key in item["sources"]])
    for order, (question, answer) in enumerate(demo_content.FAQ):
        FAQEntry.objects.update_or_create(
            question=question, defaults={"answer": answer, "order": order, "is_published": True}
        )
