import logging
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html

from .models import MESSAGE_MAX_LENGTH, Enquiry, Topic

logger = logging.getLogger(__name__)

STARTED_SALT = "contact.form-started"
# One answer for every spam defence, so a robot learns nothing from which one it tripped,
# and a person is told what to do.
REFUSED = "Sorry, we could not accept your message. Please check it and press “Send message” again."


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, topic):
        # The hint says who should choose the topic, in the choice's own label.
        if topic.hint:
            return format_html("{} <small>{}</small>", topic.name, topic.hint)
        return topic.name


class EnquiryForm(forms.ModelForm):
    """The contact form, with two spam defences that need no cookie and no third party.

    A honeypot field people never see (hidden from screen readers too), and a signed
    timestamp of when the form was first shown: a form sent faster than a person could
    fill it in, or with the timestamp forged or too old, is refused.
    """

    topic = TopicField(
        queryset=Topic.objects.active(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
        label="What is your message about?",
        error_messages={"required": "Choose what your message is about."},
    )
    # The honeypot: named like a field robots fill in, labelled for anyone who meets it.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Enquiry
        fields = ["topic", "name", "email", "organisation", "message"]
        help_texts = {
            "organisation": "Optional.",
            "message": f"Up to {MESSAGE_MAX_LENGTH:,} characters.",
        }
        error_messages = {
            "name": {"required": "Enter your name."},
            "email": {
                "required": "Enter your email address, so that we can reply.",
                "invalid": "Enter an email address like name@example.com.",
            },
            "message": {
                "required": "Enter your message.",
                "max_length": "Your message is too long: it can be up to %(limit_value)s "
                "characters and has %(show_value)s. Please shorten it.",
            },
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        # What was posted, before the honeypot is emptied for showing the form again.
        self.posted = self.data
        # A fresh form starts its clock now; a form sent back with errors keeps its clock
        # when it was genuine, so a person who fixes a mistake is not made to wait again.
        started = self.posted.get("started")
        if started is None or started_at(started) is None:
            started = signing.dumps(int(time.time()), salt=STARTED_SALT)
        self.initial["started"] = started
        if self.is_bound:
            self.data = self.data.copy()
            self.data["started"] = started
            # Never shown again: a person whose browser filled it in cannot see to empty it.
            self.data["website"] = ""

    def clean(self):
        cleaned = super().clean()
        reason = self.spam_reason()
        if reason:
            logger.info("Contact form refused: %s", reason)
            raise forms.ValidationError(REFUSED, code="refused")
        return cleaned

    def spam_reason(self):
        """Why the form looks sent by a robot, or None."""
        if self.posted.get("website"):
            return "the honeypot field was filled in"
        started = started_at(self.posted.get("started") or "")
        if started is None:
            return "its timestamp was missing, forged or too old"
        if time.time() - started < settings.CONTACT_MIN_FILL_SECONDS:
            return "it was filled in too fast"
        return None


def started_at(value):
    """When the form holding this signed timestamp was shown, or None if forged or too old."""
    try:
        return signing.loads(
            value, salt=STARTED_SALT, max_age=settings.CONTACT_MAX_FORM_AGE_HOURS * 3600
        )
    except signing.BadSignature:
        return None
