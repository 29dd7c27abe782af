"""An ImageField whose uploads pass the photo checks and are stored clean (see images.processing)."""

from django import forms
from django.db import models
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
