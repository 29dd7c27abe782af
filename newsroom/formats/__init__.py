"""Our date formats per language (``FORMAT_MODULE_PATH``), in place of Django's where the newsroom writes dates
differently: Kyrgyz «5-март 2026-ж., 10:30», Russian «5 марта 2026, 10:30», English «March 5, 2026, 10:30».

Kyrgyz month names are written in lower case; Django's ``ky`` catalog capitalizes them, so our
``locale/ky`` translates the month names below (``E`` and ``F`` use them) and wins over Django's,
LOCALE_PATHS coming first. They are listed here so that makemessages keeps them.
"""

from django.utils.translation import pgettext_lazy

MONTHS_FOR_MAKEMESSAGES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
