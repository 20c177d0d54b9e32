"""Wall-clock times typed by staff, made aware in the site's time zone (Europe/London).

Twice a year a local time is not simple: at the spring change 01:00 to 01:59 never happens,
and at the autumn change it happens twice. Django refuses both with one vague message; here
a time that does not exist is refused with a message naming the change, and a time that
happens twice is taken as its first occurrence (still summer time), which is what people
mean by "01:30" on that night more often than not.
"""

from datetime import UTC, datetime, time, timedelta

from django import forms
from django.utils import timezone


def aware(naive):
    """`naive`, a local wall-clock time, as an aware datetime; the first of two occurrences.

    Raises ValidationError if the clocks skip it."""
    zone = timezone.get_current_timezone()
    first = naive.replace(tzinfo=zone, fold=0)
    # A time the clocks skip comes back from UTC as another wall-clock time.
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        before = naive - timedelta(hours=1)
        after = naive + timedelta(hours=1)
        raise forms.ValidationError(
            "The clocks go forward that night, so %(time)s on %(date)s does not happen in "
            "the UK. Choose %(before)s or %(after)s.",
            code="skipped_time",
            params={
                "time": f"{naive:%H:%M}",
                "date": f"{naive:%-d %B %Y}",
                "before": f"{before:%H:%M}",
                "after": f"{after:%H:%M}",
            },
        )
    return first


class LocalSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time boxes, read as UK time by `aware()`. With `date_alone`, a
    date without a time is midnight (where only the date may matter: an all-day event)."""

    def __init__(self, *args, date_alone=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_alone = date_alone
        if date_alone:
            self.require_all_fields = False
            self.fields[1].required = False

    def compress(self, data_list):
        if not data_list:
            return None
        day, moment = data_list
        if self.date_alone and day not in self.empty_values and moment in self.empty_values:
            moment = time.min
        for value, code in zip((day, moment), ("invalid_date", "invalid_time"), strict=True):
            if value in self.empty_values:
                raise forms.ValidationError(self.error_messages[code], code=code)
        return aware(datetime.combine(day, moment))
