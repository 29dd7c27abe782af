import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

FIXTURE = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "collegium-report.txt"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Test-only speedups and isolation: a fast hasher, a throwaway media folder, an empty cache.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ""
    # The page cache and login throttling are on in every real mode. Tests of other concerns count
    # queries and re-read pages inside one transaction, and log in with client.login() (which axes
    # refuses without a request), so they run with both off; tests/test_cache*.py and
    # tests/test_production*.py switch them on.
    settings.PAGE_CACHE_SECONDS = 0
    settings.AXES_ENABLED = False
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def fixture_path():
    """The reference story's text. Skips only outside CI when shared/ is absent."""
    if not FIXTURE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the reference story is missing at {FIXTURE}")
        pytest.skip(f"no reference story at {FIXTURE}")
    return FIXTURE


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.test", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def journalist(django_user_model):
    return _staff(django_user_model, "jyldyz", "Journalist")


@pytest.fixture
def other_journalist(django_user_model):
    return _staff(django_user_model, "nurlan", "Journalist")


@pytest.fixture
def editor(django_user_model):
    return _staff(django_user_model, "aida", "Editor")


@pytest.fixture
def english_client(client):
    """A test client whose admin speaks English (Accept-Language), for asserting exact messages."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
