from pathlib import Path

import reversion
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article, Byline, Section
from articles.text import StoryTextError, paragraphs_to_html, parse_story_text
from authors.models import Author

MAX_FILE_BYTES = 2 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import a story from a UTF-8 plain-text file: headline on the first line, then the byline line "
        "(author names, optionally the «Эксклюзив» label), then paragraphs; the first paragraph becomes "
        "the lead. Share-button lines and the «Дагы окуңуз:» block are dropped. Prints the story's public "
        "URL path last (for a draft, the path it will have once published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the text file to read (UTF-8, at most 2 MB)")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="the language the story is written in (default: %(default)s)",
        )
        parser.add_argument("--section", help="the slug of an existing section to file the story in")
        parser.add_argument("--publish", action="store_true", help="publish now instead of saving a draft")
        parser.add_argument("--dry-run", action="store_true", help="read and check the file, save nothing")

    def handle(self, *args, path, language, section=None, publish=False, dry_run=False, **options):
        story = parse_story_text(self.read_text(path))
        if options["verbosity"] > 1:
            self.stdout.write(
                f"{story.headline} — {', '.join(story.authors)}"
                f"{' (exclusive)' if story.exclusive else ''}, lead and {len(story.paragraphs)} body paragraphs"
            )
        section_obj = None
        if section:
            section_obj = Section.objects.filter(**{f"slug_{language}": section}).first()
            if section_obj is None:
                raise CommandError(f"no section with the slug {section!r} in {language}")
        if Article.objects.filter(**{f"headline_{language}": story.headline}).exists():
            raise CommandError(f"a story with this headline already exists in {language}: {story.headline!r}")
        if dry_run:
            self.stdout.write(f"Dry run: would import {story.headline!r}; nothing saved.")
            return
        # A first revision, as an admin save would keep: the story's History starts at the import.
        with transaction.atomic(), reversion.create_revision():
            # In the newsroom's language, as the History page around it.
            with translation.override(settings.LANGUAGE_CODE):
                reversion.set_comment(gettext("Imported from %(file)s") % {"file": Path(path).name})
            article = Article(section=section_obj)
            setattr(article, f"headline_{language}", story.headline)
            setattr(article, f"lead_{language}", story.lead)
            setattr(article, f"body_{language}", paragraphs_to_html(story.paragraphs))
            if story.exclusive:
                article.is_exclusive = True
                article.exclusive_flagged_at = timezone.now()
            if publish:
                article.status = Article.Status.PUBLISHED
                article.published_at = timezone.now()
            article.save()
            for position, name in enumerate(story.authors):
                Byline.objects.create(article=article, author=self.author(name, language), position=position)
        self.stdout.write(article.get_absolute_url(language))

    def read_text(self, path):
        """Return the file's text; ``CommandError`` for a missing, empty, binary or non-UTF-8 file."""
        file = Path(path)
        try:
            if not file.is_file():
                # A folder, a device (/dev/zero never ends) or a pipe (may never answer) is no story.
                raise CommandError(f"{path} is not a regular file")
            with file.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            raise CommandError(f"cannot read {path}: {e.strerror}") from None
        if len(data) > MAX_FILE_BYTES:
            raise CommandError(f"{path} is over {MAX_FILE_BYTES // 1024 // 1024} MB: not a story")
        if b"\x00" in data:
            raise CommandError(f"{path} is a binary file, not UTF-8 text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CommandError(f"{path} is not UTF-8 text (bad byte at position {e.start})") from None
        if not text.strip():
            raise CommandError(f"{path} is empty")
        return text

    def author(self, name, language):
        """The author called ``name`` in ``language`` (or in any language), created when there is none."""
        for field in (f"name_{language}", "name_ky", "name_ru", "name_en"):
            found = Author.objects.filter(**{field: name}).first()
            if found:
                return found
        author = Author()
        setattr(author, f"name_{language}", name)
        if language != settings.LANGUAGE_CODE:
            setattr(author, f"name_{settings.LANGUAGE_CODE}", name)
        author.save()
        return author

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except StoryTextError as e:
            raise CommandError(f"{options.get('path', 'the file')}: {e}") from None
