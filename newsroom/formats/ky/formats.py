# Kyrgyz: «5-март 2026-ж.», the ordinal day joined by a hyphen; otherwise Django's ky formats.
from django.conf.locale.ky.formats import *  # noqa: F403

DATE_FORMAT = "j-E Y-ж."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j-E Y-ж., H:i"
MONTH_DAY_FORMAT = "j-E"
