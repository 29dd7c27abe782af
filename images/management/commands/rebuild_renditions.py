from collections import Counter
from functools import partial

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from images import processing
from images.models import Photo

# The parts of a complete record (see processing.make_renditions).
RECORD_PARTS = ("widths", "social", "square")


class Command(BaseCommand):
    help = (
        "Make photos' renditions again from their stored originals (every photo, or the ids given), in the "
        "sizes and formats of an upload, save the new record and delete the rendition files it no longer "
        "names once that commits. A photo whose original is missing or unreadable keeps its record; it is "
        "reported on stderr and the command exits non-zero after doing the others."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "photo_ids", nargs="*", type=int, metavar="PHOTO_ID", help="the photos to rebuild (default: every photo)"
        )
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="only photos whose record is empty or incomplete, or names a file missing from storage",
        )
        parser.add_argument("--dry-run", action="store_true", help="read the originals and report, write nothing")

    def handle(self, *args, photo_ids, missing_only=False, dry_run=False, **options):
        counts = Counter()
        for pk in self.checked_ids(photo_ids):
            counts[self.rebuild(pk, missing_only, dry_run)] += 1
        rebuilt, skipped, failed = counts["rebuilt"], counts["skipped"], counts["failed"]
        if dry_run:
            self.stdout.write(f"Dry run: would rebuild {rebuilt}, skip {skipped}, fail on {failed}; nothing written.")
        else:
            self.stdout.write(f"Rebuilt {rebuilt}, skipped {skipped}, failed {failed}.")
        if failed:
            photos = "photo" if failed == 1 else "photos"
            raise CommandError(f"{failed} {photos} not rebuilt: original missing or unreadable (see above)")

    def checked_ids(self, wanted):
        """The ids to process in order, each once: ``wanted`` (ints), or every photo's by id when empty.

        Raises ``CommandError`` naming the ids with no photo, before anything is written.
        """
        if not wanted:
            return list(Photo.objects.order_by("pk").values_list("pk", flat=True))
        wanted = list(dict.fromkeys(wanted))
        # Ids past a 64-bit integer cannot exist (SQLite refused the query with an OverflowError).
        possible = [pk for pk in wanted if 0 < pk < 2**63]
        found = set(Photo.objects.filter(pk__in=possible).values_list("pk", flat=True))
        unknown = sorted(set(wanted) - found)
        if unknown:
            raise CommandError(f"no photo with the id {', '.join(map(str, unknown))}; nothing changed")
        return wanted

    def rebuild(self, pk, missing_only, dry_run):
        """Rebuild photo ``pk``'s renditions; print one line; return "rebuilt", "skipped" or "failed"."""
        with transaction.atomic():
            photos = Photo.objects.filter(pk=pk)
            # Locked while its files are made: an editor replacing the image meanwhile waits, rather than
            # having the old image's renditions saved over the new one's.
            photo = (photos if dry_run else photos.select_for_update()).first()
            if photo is None:
                self.stdout.write(f"Photo {pk}: deleted meanwhile, skipped")
                return "skipped"
            if missing_only and is_complete(photo):
                self.stdout.write(f"Photo {pk}: complete, skipped")
                return "skipped"
            try:
                image = read_original(photo)
            except (OSError, ValidationError) as error:
                self.stderr.write(
                    f"Photo {pk}: original {photo.image.name!r} {problem(error)}; its renditions are kept"
                )
                return "failed"
            if dry_run:
                self.stdout.write(f"Photo {pk}: would rebuild from {photo.image.name}")
                return "rebuilt"
            stale = replace_renditions(photo, image)
        self.stdout.write(f"Photo {pk}: rebuilt from {photo.image.name}, {len(stale)} old files removed")
        return "rebuilt"


def replace_renditions(photo, image):
    """Make ``image``'s renditions (from ``read_original``) and save them as ``photo``'s record.

    The old record's files that the new one does not name are deleted once the transaction commits;
    returns their storage names. Raises what storage or the database raise; when saving fails, the new
    files are deleted and the row keeps its old record.
    """
    storage = photo.image.storage
    old_names = processing.rendition_names(photo.renditions)
    record = processing.make_renditions(image, photo.image.name, storage)
    new_names = processing.rendition_names(record)
    photo.width, photo.height = image.size
    photo.renditions = record
    try:
        # save(), not update(): its post_save makes cached pages fresh (articles.signals).
        photo.save(update_fields=["width", "height", "renditions"])
    except Exception:
        processing.delete_files(storage, [name for name in new_names if name not in old_names])
        raise
    # A name is reused when its old file was missing: the new file is then in use, not stale. Deleted
    # after commit, as images.signals does: a rolled-back rebuild leaves the old record's files in place.
    stale = [name for name in old_names if name not in new_names]
    transaction.on_commit(partial(processing.delete_files, storage, stale))
    return stale


def is_complete(photo):
    """True when ``photo``'s record has every part and every file it names exists in storage."""
    record = photo.renditions
    if not record or not all(record.get(part) for part in RECORD_PARTS):
        return False
    storage = photo.image.storage
    return all(storage.exists(name) for name in processing.rendition_names(record))


def read_original(photo):
    """``photo``'s stored original, through ``processing.prepare`` as an upload: a ``PIL.Image.Image``.

    Raises ``FileNotFoundError`` when the row names no file or storage has none by that name, another
    ``OSError`` when storage cannot read it, ``ValidationError`` when it is no longer a valid image.
    """
    name = photo.image.name
    if not name:
        raise FileNotFoundError(name)
    with photo.image.storage.open(name, "rb") as file:
        image, _format, _extension = processing.prepare(file)
    return image


def problem(error):
    """A short reason for an exception from ``read_original``, without server paths."""
    if isinstance(error, FileNotFoundError):
        return "is missing from storage"
    if isinstance(error, ValidationError):
        # In English like the rest of the command's output (the site's language is Kyrgyz).
        with translation.override("en"):
            return f"is unreadable ({' '.join(error.messages)})"
    return f"cannot be read: {error.strerror or error}"
