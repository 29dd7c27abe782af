"""An operator rebuilds photos' renditions from their originals (``manage.py rebuild_renditions``)."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from images.models import Photo
from images.processing import rendition_names
from tests.factories import jpeg_bytes, make_article, make_photo
from tests.test_photos import media_files, read

# What make_renditions makes for a 2000×1333 photo, names aside.
SIZES_2000 = {
    "widths": [(480, 320), (800, 533), (1200, 800), (1600, 1066)],
    "social": (1200, 630),
    "square": 240,
}


def run(*args):
    """Run the command; return its stdout and stderr lines. Lets ``CommandError`` through."""
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_renditions", *map(str, args), stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue().splitlines()


def run_failing(*args):
    """Run the command expecting ``CommandError``; return (message, stdout lines, stderr lines)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("rebuild_renditions", *map(str, args), stdout=out, stderr=err)
    return str(failure.value), out.getvalue().splitlines(), err.getvalue().splitlines()


def sizes(record):
    return {
        "widths": [(r["width"], r["height"]) for r in record["widths"]],
        "social": (record["social"]["width"], record["social"]["height"]),
        "square": record["square"]["size"],
    }


def stem(photo):
    return photo.image.name.rsplit(".", 1)[0]


def contents(names):
    return {name: default_storage.open(name, "rb").read() for name in names}


# Rebuilding.


@pytest.mark.django_db
def test_a_rebuild_writes_new_renditions_and_removes_the_old_after_commit(django_capture_on_commit_callbacks):
    photo = make_photo(2000, 1333)
    other = make_photo(300, 200)
    old, old_names = photo.renditions, photo.file_names()
    original, other_record = contents([photo.image.name]), other.renditions
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        out, err = run(photo.pk)
    # Until the transaction commits, the old record's files stay: a rollback would need them.
    assert set(media_files()) >= set(old_names)
    for callback in callbacks:
        callback()
    assert out == [
        f"Photo {photo.pk}: rebuilt from {photo.image.name}, 11 old files removed",
        "Rebuilt 1, skipped 0, failed 0.",
    ]
    assert err == []
    photo.refresh_from_db()
    assert sizes(photo.renditions) == SIZES_2000 == sizes(old)
    assert (photo.width, photo.height) == (2000, 1333)
    # Storage keeps the old names until the commit, so the new files get Django's free-name suffix.
    suffix = r"_[A-Za-z0-9]{7}"
    assert re.fullmatch(rf"{stem(photo)}-800w{suffix}\.webp", photo.renditions["widths"][1]["webp"])
    assert re.fullmatch(rf"{stem(photo)}-social{suffix}\.jpg", photo.renditions["social"]["name"])
    assert read(photo.renditions["widths"][1]["webp"]).format == "WEBP"
    assert read(photo.renditions["widths"][1]["jpeg"]).size == (800, 533)
    assert read(photo.renditions["square"]["jpeg"]).size == (240, 240)
    assert photo.renditions["social"]["bytes"] == default_storage.size(photo.renditions["social"]["name"])
    assert contents([photo.image.name]) == original
    assert Photo.objects.get(pk=other.pk).renditions == other_record
    assert media_files() == sorted(photo.file_names() + other.file_names())


@pytest.mark.django_db
def test_a_rebuild_makes_cached_pages_show_the_new_files(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    photo = make_photo(2000, 1333)
    url = make_article(hero_photo=photo).get_absolute_url("ky")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    run(photo.pk)
    photo.refresh_from_db()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert photo.renditions["widths"][0]["webp"] in response.content.decode()


@pytest.mark.django_db
def test_a_dry_run_reads_the_originals_and_writes_nothing(django_capture_on_commit_callbacks):
    photo = make_photo()
    files, record = contents(media_files()), photo.renditions
    with django_capture_on_commit_callbacks() as callbacks:
        out, err = run("--dry-run")
    assert out == [
        f"Photo {photo.pk}: would rebuild from {photo.image.name}",
        "Dry run: would rebuild 1, skip 0, fail on 0; nothing written.",
    ]
    assert (err, callbacks) == ([], [])
    assert Photo.objects.get().renditions == record
    assert contents(media_files()) == files
    # Past a 64-bit integer (SQLite raised OverflowError) or below 1: no such photo either.
    assert run_failing(2**63, -5)[0] == f"no photo with the id -5, {2**63}; nothing changed"


@pytest.mark.django_db
def test_missing_only_rebuilds_empty_or_holed_records_and_skips_complete_ones(django_capture_on_commit_callbacks):
    complete, emptied, holed = make_photo(), make_photo(), make_photo()
    complete_files = contents(complete.file_names())
    # Rows from before renditions existed: no record, no files.
    for name in emptied.file_names()[1:]:
        default_storage.delete(name)
    Photo.objects.filter(pk=emptied.pk).update(renditions={})
    lost = holed.renditions["widths"][0]["webp"]
    default_storage.delete(lost)
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run("--missing-only")
    assert out == [
        f"Photo {complete.pk}: complete, skipped",
        f"Photo {emptied.pk}: rebuilt from {emptied.image.name}, 0 old files removed",
        f"Photo {holed.pk}: rebuilt from {holed.image.name}, 6 old files removed",
        "Rebuilt 2, skipped 1, failed 0.",
    ]
    assert err == []
    assert Photo.objects.get(pk=complete.pk).renditions == complete.renditions
    assert contents(complete.file_names()) == complete_files
    emptied_record = Photo.objects.get(pk=emptied.pk).renditions
    # Its names were free again: the upload's own names.
    assert rendition_names(emptied_record) == rendition_names(emptied.renditions)
    holed.refresh_from_db()
    # The missing file's name was free, so the new file took it; the other names were still in use.
    assert holed.renditions["widths"][0]["webp"] == lost
    assert holed.renditions["widths"][0]["jpeg"] != f"{stem(holed)}-480w.jpg"
    assert media_files() == sorted(
        complete.file_names() + Photo.objects.get(pk=emptied.pk).file_names() + holed.file_names()
    )


@pytest.mark.django_db
def test_missing_only_counts_an_incomplete_record_as_missing():
    photo = make_photo()
    record = {**photo.renditions}
    del record["square"]
    Photo.objects.filter(pk=photo.pk).update(renditions=record)
    out, _err = run("--missing-only", "--dry-run", photo.pk)
    assert out[0] == f"Photo {photo.pk}: would rebuild from {photo.image.name}"


# Refusals and failures.


@pytest.mark.django_db
def test_an_unknown_id_fails_before_anything_changes(django_capture_on_commit_callbacks):
    photo = make_photo()
    files, record = contents(media_files()), photo.renditions
    with django_capture_on_commit_callbacks() as callbacks:
        message, out, err = run_failing(photo.pk, 999, 998)
    assert message == "no photo with the id 998, 999; nothing changed"
    assert (out, err, callbacks) == ([], [], [])
    assert Photo.objects.get().renditions == record
    assert contents(media_files()) == files
    assert run_failing("abc")[0] == "Error: argument PHOTO_ID: invalid int value: 'abc'"


@pytest.mark.django_db
def test_a_missing_or_damaged_original_is_reported_and_the_others_are_rebuilt(django_capture_on_commit_callbacks):
    missing, damaged, good = make_photo(), make_photo(), make_photo()
    default_storage.delete(missing.image.name)
    default_storage.delete(damaged.image.name)
    default_storage.save(damaged.image.name, ContentFile(jpeg_bytes()[:800]))
    kept = missing.file_names()[1:] + damaged.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        message, out, err = run_failing()
    assert message == "2 photos not rebuilt: original missing or unreadable (see above)"
    assert err == [
        f"Photo {missing.pk}: original {missing.image.name!r} is missing from storage; its renditions are kept",
        f"Photo {damaged.pk}: original {damaged.image.name!r} is unreadable (This image is damaged or incomplete: "
        "export it again and upload the new file.); its renditions are kept",
    ]
    assert out == [
        f"Photo {good.pk}: rebuilt from {good.image.name}, 7 old files removed",
        "Rebuilt 1, skipped 0, failed 2.",
    ]
    assert Photo.objects.get(pk=missing.pk).renditions == missing.renditions
    assert Photo.objects.get(pk=damaged.pk).renditions == damaged.renditions
    good.refresh_from_db()
    assert media_files() == sorted(kept + good.file_names())
