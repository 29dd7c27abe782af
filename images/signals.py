"""A photo's files follow its row: made when an image comes in, removed when it goes.

Connected in ``ImagesConfig.ready()``. Removal waits for the transaction to commit
(``transaction.on_commit``): a rolled-back delete or replacement must not leave a row pointing at
files that are gone.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from . import processing
from .models import Photo

# Set on the instance between pre_save and post_save: the storage names a replaced image leaves.
REPLACED = "_replaced_files"


def prepare_new_image(sender, instance, raw=False, **kwargs):
    """Before a photo's row is written with a new upload: store the clean original, record its size
    and make its renditions, so the row carries them. A replaced image's files (original and
    renditions) are deleted once the change commits."""
    # Left over from a save that failed after this ran: that save replaced nothing.
    instance.__dict__.pop(REPLACED, None)
    image = instance.image
    if raw or not image or image._committed:
        return
    old = None
    if instance.pk:
        old = Photo.objects.filter(pk=instance.pk).values_list("image", "renditions").first()
    content, prepared = processing.prepared_original(image)
    image.save(content.name, content, save=False)
    instance.width, instance.height = prepared.size
    instance.renditions = processing.make_renditions(prepared, instance.image.name, instance.image.storage)
    if old is not None:
        instance.__dict__[REPLACED] = [name for name in [old[0], *processing.rendition_names(old[1])] if name]


def delete_replaced_files(sender, instance, raw=False, **kwargs):
    """After a photo's row is written with a new image: delete the old image's files once that commits.

    In post_save, not pre_save: outside a transaction ``on_commit`` runs at once, and a write that
    fails must leave the files the row still names.
    """
    replaced = instance.__dict__.pop(REPLACED, None)
    if replaced:
        transaction.on_commit(partial(processing.delete_files, instance.image.storage, replaced))


def delete_files(sender, instance, **kwargs):
    """After a photo's row is deleted: delete its original and renditions once that commits."""
    transaction.on_commit(partial(processing.delete_files, instance.image.storage, instance.file_names()))


def connect():
    pre_save.connect(prepare_new_image, sender=Photo, dispatch_uid="images.prepare_new_image")
    post_save.connect(delete_replaced_files, sender=Photo, dispatch_uid="images.delete_replaced_files")
    post_delete.connect(delete_files, sender=Photo, dispatch_uid="images.delete_files")
