# Russian as newsrooms print it: «5 марта 2026, 10:30» (no «г.»); otherwise Django's ru formats.
from django.conf.locale.ru.formats import *  # noqa: F403

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
