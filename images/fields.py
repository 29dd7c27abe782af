"""An ImageField whose uploads pass the photo checks and are stored clean (see images.processing)."""

from django import forms
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.fields.files import ImageFieldFile

from . import processing


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every path that stores a new file comes through here (forms, the shell, commands), so
        # nothing reaches storage with its EXIF, GPS or colour profile still in it.
        if not isinstance(content, processing.PreparedImage):
            content, _image = processing.prepared_original(content)
            name = content.name
        super().save(name, content, save)


class UploadFormField(forms.ImageField):
    """The form side: leaves the checks to the model field's validator, so that every refusal
    carries the message from ``processing.MESSAGES`` rather than Django's generic one, and a
    file's name (its extension) counts for nothing."""

    default_validators = []

    def to_python(self, data):
        return forms.FileField.to_python(self, data)


class CleanImageField(models.ImageField):
    """``ImageField`` for uploads the public will see: JPEG, PNG, WebP or GIF by content, within
    the size and pixel limits in settings, stored upright, in sRGB and without metadata under a
    random name. Use it without ``width_field``/``height_field``: those would make Django read a
    new upload's size before it is checked."""

    attr_class = CleanImageFieldFile
    default_validators = [processing.validate_image_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadFormField, **kwargs})


def file_in_use(name, using=DEFAULT_DB_ALIAS):
    """True when a row of any model with a ``CleanImageField`` stores ``name`` (a storage name) in it.

    A script may give an author a library photo's original, or two authors the same file: deleting
    it for one row would break the other's page.
    """
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            if (
                isinstance(field, CleanImageField)
                and model._base_manager.using(using).filter(**{field.name: name}).exists()
            ):
                return True
    return False


def delete_unless_in_use(storage, name, using=DEFAULT_DB_ALIAS):
    """Delete ``name`` from ``storage`` unless ``file_in_use``; a storage error is logged, not raised.

    For ``transaction.on_commit()``: by then the change that dropped the name is committed, so the
    check sees what readers will see.
    """
    if not file_in_use(name, using):
        processing.delete_files(storage, [name])
