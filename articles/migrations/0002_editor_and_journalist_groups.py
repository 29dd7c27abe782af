"""Create the Editor and Journalist groups with their permissions.

On a fresh database the permissions do not exist yet when migrations run (Django creates them in a
post_migrate signal), so they are created here first.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_byline", "articles.change_byline", "articles.delete_byline", "articles.view_byline",
    "articles.view_section", "articles.view_tag", "authors.view_author",
]
EDITOR = JOURNALIST + [
    "articles.delete_article", "articles.flag_exclusive", "articles.publish_article",
    "articles.add_section", "articles.change_section", "articles.delete_section",
    "articles.add_tag", "articles.change_tag", "articles.delete_tag",
    "authors.add_author", "authors.change_author", "authors.delete_author",
]
GROUPS = {"Journalist": JOURNALIST, "Editor": EDITOR}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, delete_groups)]
