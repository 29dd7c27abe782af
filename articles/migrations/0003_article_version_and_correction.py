"""Optimistic locking (version), the translated correction note, and journalists deleting their own drafts.

Journalists get ``articles.delete_article``; the admin narrows it to their own stories that never
went out (draft or in review), see ``ArticleAdmin.has_delete_permission``.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def let_journalists_delete_own_drafts(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    delete = Permission.objects.get(content_type__app_label="articles", codename="delete_article")
    for group in Group.objects.filter(name="Journalist"):
        group.permissions.add(delete)


def take_back_delete(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    delete = Permission.objects.filter(content_type__app_label="articles", codename="delete_article")
    for group in Group.objects.filter(name="Journalist"):
        group.permissions.remove(*delete)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_editor_and_journalist_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='corrected_at',
            field=models.DateTimeField(blank=True, help_text='When the correction note last changed.', null=True, verbose_name='corrected at'),
        ),
        migrations.AddField(
            model_name='article',
            name='correction',
            field=models.TextField(blank=True, help_text='A note to readers shown under the lead, e.g. what was corrected. Plain text.', verbose_name='correction or update'),
        ),
        migrations.AddField(
            model_name='article',
            name='correction_en',
            field=models.TextField(blank=True, help_text='A note to readers shown under the lead, e.g. what was corrected. Plain text.', null=True, verbose_name='correction or update'),
        ),
        migrations.AddField(
            model_name='article',
            name='correction_ky',
            field=models.TextField(blank=True, help_text='A note to readers shown under the lead, e.g. what was corrected. Plain text.', null=True, verbose_name='correction or update'),
        ),
        migrations.AddField(
            model_name='article',
            name='correction_ru',
            field=models.TextField(blank=True, help_text='A note to readers shown under the lead, e.g. what was corrected. Plain text.', null=True, verbose_name='correction or update'),
        ),
        migrations.AddField(
            model_name='article',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one on every save; a form saved from an older version is refused.', verbose_name='version'),
        ),
        migrations.RunPython(let_journalists_delete_own_drafts, take_back_delete),
    ]
