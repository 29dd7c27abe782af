"""Let journalists and editors use the photo library.

Journalists upload photos and edit their captions; only editors delete them, because a photo can be
the hero of stories other people wrote. As in articles 0002, the permissions are created here first
on a fresh database (Django makes them in a post_migrate signal, after every migration ran).
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = ["add_photo", "change_photo", "view_photo"]
GROUPS = {"Journalist": JOURNALIST, "Editor": [*JOURNALIST, "delete_photo"]}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("images")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="images", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="images")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("articles", "0002_editor_and_journalist_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
