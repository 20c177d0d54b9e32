import functools

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from .delivery import deliver
from .forms import EnquiryForm
from .models import Enquiry, PressPage, Topic
from .ratelimit import over_limit

RATE_LIMITED = (
    "We have had several messages from your connection in a short time, so we cannot accept "
    "another just now. Please try again later, or email us at {email}."
)


# The form is sent by visitors who are not signed in and acts with no one's credentials, so
# there is nothing for a forged request to borrow; Django's CSRF check would need a cookie,
# and visitors get none. The form's signed timestamp is its integrity check instead
# (docs/security.md). Never cached: each visitor's form carries its own timestamp.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class EnquiryView(FormView):
    template_name = "contact/enquiry_form.html"
    form_class = EnquiryForm

    def get_initial(self):
        # /contact/?topic=press chooses a topic (the press and accessibility pages link so).
        return {"topic": self.request.GET.get("topic", "")}

    def form_valid(self, form):
        if over_limit(self.request):
            form.add_error(None, RATE_LIMITED.format(email=settings.CONTACT_EMAIL))
            return self.form_invalid(form)
        # Saved (and committed) before any email is tried: a mail server that fails
        # loses nothing.
        with transaction.atomic():
            enquiry = form.save()
        deliver(enquiry)
        # Each new enquiry also clears out those past their retention period.
        Enquiry.objects.purge()
        return redirect(enquiry.confirmation_url())


@method_decorator(never_cache, name="dispatch")
class SentView(TemplateView):
    """The sender's confirmation, at a signed address that works for an hour."""

    template_name = "contact/enquiry_sent.html"

    def get_context_data(self, **kwargs):
        try:
            enquiry = Enquiry.objects.from_confirmation(self.kwargs["token"])
        except Enquiry.DoesNotExist:
            raise Http404("No such enquiry") from None
        return super().get_context_data(enquiry=enquiry, **kwargs)


# The partnership's own logos, offered on the press page when the file is there.
WORDMARKS = [("img/bhp-wordmark.svg", "Birmingham Health Partners logo (SVG)")]


@functools.cache
def wordmarks():
    return [{"path": path, "label": label} for path, label in WORDMARKS if finders.find(path)]


class PressView(TemplateView):
    template_name = "contact/press.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        # The topic with the slug "press" is the press office.
        return super().get_context_data(
            press=Topic.objects.active().filter(slug="press").first(),
            page=PressPage.load(),
            wordmarks=wordmarks(),
            **kwargs,
        )


class PrivacyView(TemplateView):
    template_name = "contact/privacy.html"
    query_parameters = ()
