"""An author's photo file follows the row: the old file goes when the photo is replaced or cleared,
and the file goes when the author is deleted (admin or ORM).

Connected in ``AuthorsConfig.ready()``. Deletion waits for the transaction to commit (a rolled-back
change must not leave a row pointing at a file that is gone) and spares a file another row still
stores (``images.fields.file_in_use``). A bulk ``update()`` sends no signal: a file it drops stays.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from images.fields import delete_unless_in_use

from .models import Author

# Set on the instance between pre_save and post_save: the stored photo name the save drops.
REPLACED = "_replaced_photo"


def note_replaced_photo(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    """Before an author's row is written: remember the photo name in the row that this save drops.

    Read from the database, not the instance, so that it is what the row really stores.
    """
    # Left over from a save that failed after this ran: that save dropped nothing.
    instance.__dict__.pop(REPLACED, None)
    if raw or instance.pk is None or (update_fields is not None and "photo" not in update_fields):
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values_list("photo", flat=True).first()
    if stored and stored != instance.photo.name:
        instance.__dict__[REPLACED] = stored


def delete_replaced_photo(sender, instance, using=None, **kwargs):
    """After the row is written: delete the dropped photo file once that commits.

    In post_save, not pre_save: outside a transaction ``on_commit`` runs at once, and a failed write
    must leave the file the row still names.
    """
    dropped = instance.__dict__.pop(REPLACED, None)
    if dropped:
        # robust: a failed clean-up must not turn the editor's committed save into an error page.
        transaction.on_commit(
            partial(delete_unless_in_use, instance.photo.storage, dropped, using), using=using, robust=True
        )


def delete_photo(sender, instance, using=None, **kwargs):
    """After an author's row is deleted: delete its photo file once that commits."""
    if instance.photo.name:
        transaction.on_commit(
            partial(delete_unless_in_use, instance.photo.storage, instance.photo.name, using), using=using, robust=True
        )


def connect():
    pre_save.connect(note_replaced_photo, sender=Author, dispatch_uid="authors.note_replaced_photo")
    post_save.connect(delete_replaced_photo, sender=Author, dispatch_uid="authors.delete_replaced_photo")
    post_delete.connect(delete_photo, sender=Author, dispatch_uid="authors.delete_photo")
