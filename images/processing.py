"""What happens to every uploaded photo: the checks, the clean original and the renditions.

Rules (issue 6, "Photos"):

- An upload is judged by its content, never its name: Pillow must read it as JPEG, PNG, WebP or GIF.
  It may weigh at most ``settings.NEWSROOM_PHOTO_MAX_BYTES`` bytes and hold at most
  ``settings.NEWSROOM_PHOTO_MAX_PIXELS`` pixels (width × height; a decompression bomb declares a
  huge size in a tiny file). A refused upload raises ``ValidationError`` with one of ``MESSAGES``.
- What is stored is upright (the EXIF orientation applied), in sRGB (the embedded ICC profile
  converted with ImageCms; a naive mode change washes out Display P3 and CMYK photos), and carries
  no metadata at all, the original included: no EXIF, no GPS, no XMP, no ICC profile, no comment.
  Everything under MEDIA_URL is public, and a reporter's location must not leak through a photo.
- Renditions are made once, at upload, through the field's storage (Django's storage API, so that
  django-storages can replace the disk): ``RENDITION_WIDTHS`` in WebP and JPEG, a
  ``SOCIAL_SIZE`` crop for Open Graph and Twitter cards, and a ``SQUARE_SIZE`` square for lists.
"""

import io
import logging
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Widths in pixels for srcset; a photo narrower than one of them gets its own width as the largest.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
# The size Facebook, VK, Telegram and X cards show without cropping again.
SOCIAL_SIZE = (1200, 630)
# Lists show thumbnails at 120 CSS pixels: 240 pixels keeps them sharp on 2x screens.
SQUARE_SIZE = 240
# The stored original keeps its kind: photos stay JPEG, graphics PNG. GIF is stored as a PNG of
# its first frame (animation is not kept).
ORIGINAL_FORMAT = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp"), "GIF": ("PNG", "png")}
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "WEBP": {"quality": 80, "method": 4},
    "PNG": {},
}
ORIGINAL_QUALITY = 92

MESSAGES = {
    "not_an_image": _("Upload a JPEG, PNG, WebP or GIF image: this file is none of these, whatever its name says."),
    "too_large": _("This file is %(size)s: files up to %(limit)s are accepted."),
    "too_large_unsized": _("This file is larger than %(limit)s: files up to %(limit)s are accepted."),
    "too_many_pixels": _("This image is too large: images up to %(limit)s megapixels are accepted."),
    "damaged": _("This image is damaged or incomplete: export it again and upload the new file."),
}

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PreparedImage(ContentFile):
    """Bytes that already went through ``prepare()``: stored as they are, not prepared twice."""


def _too_many_pixels():
    limit = f"{settings.NEWSROOM_PHOTO_MAX_PIXELS / 1_000_000:g}"
    return ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels", params={"limit": limit})


def open_upload(file):
    """Open and decode the first frame of ``file`` (a Django ``File``) after checking it.

    Returns a loaded ``PIL.Image.Image``. Raises ``ValidationError`` (codes ``too_large``,
    ``not_an_image``, ``too_many_pixels``, ``damaged``) when the file breaks a rule in this
    module's docstring. The pixel count is checked from the header, before anything is decoded.
    """
    data = _read_upload(file)
    try:
        with warnings.catch_warnings():
            # Our own limit decides below; Pillow's warning between its two limits adds nothing.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # From a copy in memory: Pillow closes the file it reads a multi-frame GIF from when the
            # image is closed, and the upload must stay open for the field to store it.
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            if image.width * image.height > settings.NEWSROOM_PHOTO_MAX_PIXELS:
                raise _too_many_pixels()
            image.load()
    except Image.DecompressionBombError:
        # Pillow refuses past twice its own limit before we can read the size.
        raise _too_many_pixels() from None
    except Image.UnidentifiedImageError:
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(MESSAGES["damaged"], code="damaged") from None
    return image


def _read_upload(file):
    """The bytes of ``file`` (a Django ``File``), at most ``NEWSROOM_PHOTO_MAX_BYTES`` of them, the
    file left at its start. Raises ``ValidationError`` (``too_large``) past the limit, whether or
    not the file knew its size."""
    size, limit = file.size, settings.NEWSROOM_PHOTO_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:  # the file did not know its size, or understated it: we read only this far
        raise ValidationError(MESSAGES["too_large_unsized"], code="too_large", params={"limit": filesizeformat(limit)})
    return data


def is_animated(file):
    """True when ``file`` (a Django ``File`` that passed ``open_upload``) holds more than one frame:
    an animated GIF, WebP or PNG, of which only the first frame is kept. Leaves the file at 0."""
    try:
        with Image.open(io.BytesIO(_read_upload(file)), formats=ACCEPTED_FORMATS) as image:
            return getattr(image, "n_frames", 1) > 1
    except (ValidationError, OSError, SyntaxError, ValueError, EOFError):
        return False


def validate_image_upload(value):
    """Model field validator: apply ``open_upload``'s checks to a new upload.

    A file already stored (an unchanged photo when its caption is edited) is not read again: it
    passed these checks when it came in. Raises ``ValidationError``.
    """
    if not value or (isinstance(value, FieldFile) and value._committed):
        return
    open_upload(value).close()


def to_srgb(image, icc_profile=None):
    """Return ``image`` as RGB, or RGBA when it has transparency, converted to sRGB.

    ``icc_profile`` (bytes) is the profile embedded in the file; with it, littlecms converts the
    colours (Display P3, Adobe RGB, CMYK press profiles). Without one, or with one littlecms cannot
    use, Pillow's plain mode conversion is the fallback (the file is then taken as sRGB already).
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError) as error:
            logger.warning("Unusable ICC profile (%s): converting without it.", error)
    return image if image.mode == mode else image.convert(mode)


def prepare(file):
    """Check ``file`` and return ``(image, format, extension)`` ready to store.

    ``image`` is upright, sRGB, RGB or RGBA, and has an empty ``info`` (so nothing from the upload
    is written back); ``format`` is the Pillow format to store the original in and ``extension``
    its file extension. Raises ``ValidationError`` like ``open_upload``.
    """
    source = open_upload(file)
    kind = source.format
    icc_profile = source.info.get("icc_profile")
    try:
        upright = ImageOps.exif_transpose(source)
    except Exception as error:  # noqa: BLE001 - a garbled EXIF block must not stop an otherwise good photo
        logger.warning("Unreadable EXIF orientation (%s): stored as it is.", error)
        upright = source.copy()
    image = to_srgb(upright, icc_profile)
    source.close()
    image.info = {}
    return (image, *ORIGINAL_FORMAT[kind])


def encode(image, kind, **options):
    """Encode ``image`` as ``kind`` ("JPEG", "WEBP", "PNG") with no metadata; returns bytes."""
    buffer = io.BytesIO()
    image.save(buffer, kind, **{**SAVE_OPTIONS[kind], **options})
    return buffer.getvalue()


def prepared_original(file):
    """Return ``(PreparedImage, image)``: the clean original of ``file`` under a random name.

    The name is random because a phone's file name can tell who took the photo, where and when.
    """
    image, kind, extension = prepare(file)
    options = {"quality": ORIGINAL_QUALITY} if kind in ("JPEG", "WEBP") else {}
    content = PreparedImage(encode(image, kind, **options), name=f"{secrets.token_hex(8)}.{extension}")
    return content, image


def on_white(image):
    """``image`` as RGB; transparent parts become white (JPEG has no transparency)."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    flat = Image.new("RGB", image.size, (255, 255, 255))
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def rendition_widths(width):
    """The srcset widths for a photo ``width`` pixels wide: ``RENDITION_WIDTHS`` below it, then
    its own width capped at the largest (never enlarged). E.g. 1000 → [480, 800, 1000], 2000 → [480,
    800, 1200, 1600]."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    largest = min(width, RENDITION_WIDTHS[-1])
    return widths if largest in widths else [*widths, largest]


def make_renditions(image, name, storage):
    """Write the renditions of ``image`` (from ``prepare``) through ``storage``; return their record.

    ``name`` is the original's storage name; renditions are stored beside it with a suffix
    (``photos/2026/11/ab12-800w.webp``). The record, kept on ``Photo.renditions``, is JSON:
    ``{"widths": [{"width", "height", "webp", "jpeg"}…], "social": {"name", "width", "height",
    "bytes"}, "square": {"webp", "jpeg", "size"}}`` with storage names, so a page needs no file
    access and no query to list them.
    """
    stem = name.rsplit(".", 1)[0]

    def put(suffix, data):
        return storage.save(f"{stem}-{suffix}", ContentFile(data))

    widths = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        widths.append(
            {
                "width": width,
                "height": height,
                "webp": put(f"{width}w.webp", encode(resized, "WEBP")),
                "jpeg": put(f"{width}w.jpg", encode(on_white(resized), "JPEG")),
            }
        )
    flat = on_white(image)
    # Faces sit in the upper part of most news photos: crop a little above the centre.
    social = ImageOps.fit(flat, SOCIAL_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    social_data = encode(social, "JPEG")
    square = ImageOps.fit(flat, (SQUARE_SIZE, SQUARE_SIZE), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    return {
        "widths": widths,
        "social": {
            "name": put("social.jpg", social_data),
            "width": SOCIAL_SIZE[0],
            "height": SOCIAL_SIZE[1],
            "bytes": len(social_data),
        },
        "square": {
            "webp": put("square.webp", encode(square, "WEBP")),
            "jpeg": put("square.jpg", encode(square, "JPEG")),
            "size": SQUARE_SIZE,
        },
    }


def rendition_names(renditions):
    """Every storage name in a ``make_renditions`` record (empty for an empty record)."""
    if not renditions:
        return []
    names = [entry[kind] for entry in renditions.get("widths", []) for kind in ("webp", "jpeg")]
    names.append(renditions.get("social", {}).get("name"))
    names += [renditions.get("square", {}).get(kind) for kind in ("webp", "jpeg")]
    return [name for name in names if name]


def delete_files(storage, names):
    """Delete ``names`` from ``storage``; a file already gone or a storage error is logged, not raised."""
    for name in names:
        try:
            storage.delete(name)
        except OSError as error:
            logger.warning("Could not delete %s: %s", name, error)
