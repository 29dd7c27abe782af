from pathlib import Path

import reversion
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article, Byline, Section
from articles.text import StoryTextError, paragraphs_to_html, parse_story_text
from authors.models import Author

MAX_FILE_BYTES = 2 * 1024 * 1024


def read_story_file(path):
    """Return the text (str) of the story file at ``path`` (str or Path).

    Raises ``CommandError`` with a one-line reason for a missing, unreadable, empty, binary, UTF-16
    or otherwise non-UTF-8 file, for anything but a regular file (a folder, a device such as
    /dev/zero that never ends, a pipe that may never answer) and for a file over MAX_FILE_BYTES.
    A UTF-8 byte-order mark is allowed.
    """
    file = Path(path)
    try:
        if not file.is_file():
            raise CommandError(f"{path} is not a regular file")
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise CommandError(f"cannot read {path}: {e.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(f"{path} is over {MAX_FILE_BYTES // 1024 // 1024} MB: not a story")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CommandError(f"{path} is UTF-16 text: save it as UTF-8")
    if b"\x00" in data:
        raise CommandError(f"{path} is a binary file, not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CommandError(f"{path} is not UTF-8 text (bad byte at position {e.start})") from None
    if not text.strip():
        raise CommandError(f"{path} is empty")
    return text


def read_story(path):
    """``parse_story_text`` of ``read_story_file(path)``: a ``StoryText``; ``CommandError`` otherwise."""
    try:
        return parse_story_text(read_story_file(path))
    except StoryTextError as e:
        raise CommandError(f"{path}: {e}") from None


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
        story = read_story(path)
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
        try:
            article = self.save(path, story, language, section_obj, publish)
        except (IntegrityError, OperationalError) as e:
            # Another import of the same story, or another writer, got there at the same moment.
            raise CommandError(f"the story was not saved, nothing was written ({e}); run the command again") from None
        self.stdout.write(article.get_absolute_url(language))

    def save(self, path, story, language, section_obj, publish):
        """Write ``story`` (a ``StoryText``) and its bylines in one transaction; return the Article."""
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
        return article

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
