# English: «March 5, 2026, 10:30» in 24-hour time; otherwise Django's en formats.
from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "F j, Y, H:i"
MONTH_DAY_FORMAT = "F j"
