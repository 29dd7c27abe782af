from django.conf import settings


def site(request):
    """Site-wide template values: ``SITE_NAME``."""
    return {"SITE_NAME": settings.NEWSROOM_SITE_NAME}
