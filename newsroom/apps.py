from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginSecurityConfig(AxesAppConfig):
    """django-axes under a name the desk understands: its admin section (access attempts and
    lockouts, which editors lift) reads "Login security", translated, instead of "Axes"."""

    verbose_name = _("Login security")
