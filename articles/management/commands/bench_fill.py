"""Fill the database with N generated public stories for benchmarks (bench/README.md)."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Byline, Section, Tag
from articles.signals import invalidate_pages
from authors.models import Author

PREFIX = "bench-"
# Only what this command made: "bench-" and a number. A real story may start with "bench-" too
# ("Bench press: …"), and --clear must never delete it.
BENCH_SLUG = r"^bench-[0-9]+$"
# Stories are built in memory before one bulk insert: a ceiling keeps a typo from eating the RAM.
MAX_COUNT = 100_000


def bench_stories():
    """The stories bench_fill made (a queryset), whatever else starts with "bench-"."""
    return Article.objects.filter(slug_ky__regex=BENCH_SLUG)


TOPICS = [
    "Бишкекте жаңы мектеп пайдаланууга берилди",
    "Ош шаарында жол оңдоо иштери башталды",
    "Ысык-Көлдө туристтик сезонго даярдык жүрүүдө",
    "Өкмөт айыл чарбасын колдоо программасын бекитти",
    "Нарында жаңы саламаттык сактоо борбору ачылды",
    "Жогорку Кеңеш салык мыйзамына өзгөртүүлөрдү карады",
    "Талас облусунда сугат тармагы калыбына келтирилди",
    "Баткенде жаштар форуму өттү",
]
PARAGRAPHS = [
    "Иш-чарага жергиликтүү бийликтин өкүлдөрү, коомчулук жана эксперттер катышып, алдыдагы милдеттерди талкуулашты.",
    "Расмий маалыматка ылайык, долбоорду ишке ашырууга республикалык жана жергиликтүү бюджеттен каражат бөлүнгөн.",
    "Катышуучулар тармактагы көйгөйлөрдү белгилеп, аларды чечүү боюнча сунуштарын айтышты.",
    "Адистердин баамында, бул кадам калктын жашоо шартын жакшыртууга өбөлгө түзөт.",
    "Учурда тиешелүү мекемелер иштин жүрүшүн көзөмөлдөп, жыйынтыктары боюнча маалымат берип турушат.",
]
# The photos app fills in hero photos through this hook, when it is installed: a module
# ``images.bench`` with ``attach_photos(articles, stdout)``.
PHOTO_HOOK = "images.bench"


class Command(BaseCommand):
    help = (
        "Add N (at most 100,000) generated public Kyrgyz stories (slugs bench-0, bench-1 …), published an hour apart "
        "backwards from now, with sections, tags, authors (1-2 per byline) and, when the photos app "
        "provides images.bench.attach_photos, photos. --clear removes earlier bench stories first."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many stories to add (e.g. 10, 1000, 10000).")
        parser.add_argument("--authors", type=int, default=30)
        parser.add_argument("--tags", type=int, default=20)
        parser.add_argument("--sections", type=int, default=5)
        parser.add_argument("--clear", action="store_true", help="Delete earlier bench stories first.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be added; write nothing.")

    def handle(self, count, authors, tags, sections, clear, dry_run, **options):
        if not 0 <= count <= MAX_COUNT or min(authors, tags, sections) < 1:
            raise CommandError(f"count must be from 0 to {MAX_COUNT:,}, and --authors, --tags, --sections at least 1.")
        if dry_run:
            self.stdout.write(f"Would add {count} stories, {authors} authors, {tags} tags, {sections} sections.")
            return
        with transaction.atomic():
            if clear:
                old = bench_stories()
                Byline.objects.filter(article__in=old).delete()
                old.delete()
            section_rows = [
                self._get(Section, f"{PREFIX}section-{i}", f"Бөлүм {i}", position=100 + i) for i in range(sections)
            ]
            tag_rows = [self._get(Tag, f"{PREFIX}tag-{i}", f"Тема {i}") for i in range(tags)]
            author_rows = [
                Author.objects.get_or_create(slug=f"{PREFIX}author-{i}", defaults={"name_ky": f"Кабарчы {i}"})[0]
                for i in range(authors)
            ]
            # After the highest number used: a deleted bench story leaves a gap, not a free slug.
            used = bench_stories().values_list("slug_ky", flat=True)
            start = max((int(slug.removeprefix(PREFIX)) for slug in used), default=-1) + 1
            now = timezone.now()
            stories = []
            for n in range(start, start + count):
                body = "".join(f"<p>{PARAGRAPHS[(n + k) % len(PARAGRAPHS)]}</p>" for k in range(1, 5))
                stories.append(
                    Article(
                        headline_ky=f"{TOPICS[n % len(TOPICS)]} ({n})",
                        slug_ky=f"{PREFIX}{n}",
                        lead_ky=PARAGRAPHS[n % len(PARAGRAPHS)],
                        body_ky=body,
                        section=section_rows[n % sections],
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(hours=n + 1),
                        updated_at=now,
                    )
                )
            stories = Article.objects.bulk_create(stories, batch_size=500)
            bylines, links = [], []
            through = Article.tags.through
            for story in stories:
                n = int(story.slug_ky.removeprefix(PREFIX))
                bylines.append(Byline(article=story, author=author_rows[n % authors], position=0))
                if n % 3 == 0 and authors > 1:
                    bylines.append(Byline(article=story, author=author_rows[(n + 1) % authors], position=1))
                for k in range(1 + n % 3):
                    links.append(through(article_id=story.pk, tag_id=tag_rows[(n + 7 * k) % tags].pk))
            Byline.objects.bulk_create(bylines, batch_size=1000)
            through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
            if apps.is_installed("images"):
                try:
                    hook = importlib.import_module(PHOTO_HOOK)
                except ImportError:
                    hook = None
                if hook is not None and hasattr(hook, "attach_photos"):
                    hook.attach_photos(stories, self.stdout)
            # bulk_create sends no signals: make cached pages stale by hand.
            invalidate_pages()
        self.stdout.write(
            self.style.SUCCESS(f"Added {len(stories)} stories ({start + len(stories)} bench stories in all).")
        )

    @staticmethod
    def _get(model, slug, name, **extra):
        row, _created = model.objects.get_or_create(slug_ky=slug, defaults={"name_ky": name, "slug": slug, **extra})
        return row
