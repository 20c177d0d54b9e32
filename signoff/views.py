from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.addresses import site_url
from core.previews import keep_private

from .emails import send_answered
from .forms import AnswerForm
from .models import SignOff

# Why a link cannot be answered, with the status the page says it with.
PROBLEM_STATUS = {"invalid": 404, "superseded": 410, "expired": 410, "changed": 410}


# The contact has no account and gets no cookie: the signed link is the only key, so a
# forged request from another site, which cannot know it, has nothing to borrow; Django's
# CSRF check would need a cookie. A sign-off is answered once, under a lock (SignOff.answer).
@method_decorator(csrf_exempt, name="dispatch")
class AnswerView(View):
    """The draft as it will appear, and the member's two buttons: Approve, Request changes."""

    query_parameters = ()

    def dispatch(self, request, token):
        try:
            self.sign_off, self.round = SignOff.from_token(token)
        except (signing.BadSignature, ValueError):
            return self.render("invalid")
        if self.sign_off.is_expired:
            # Expiry needs no job: the first to read an expired link marks it (and tells the
            # requester, once).
            SignOff.objects.filter(pk=self.sign_off.pk).expire_due(site_url(request))
            self.sign_off.state = SignOff.State.EXPIRED
        problem = self.sign_off.problem(self.round)
        if problem:
            return self.refuse(problem)
        return super().dispatch(request, token)

    def get(self, request, token):
        return self.render(None, AnswerForm())

    def post(self, request, token):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render(None, form, status=400)
        problem = self.sign_off.answer(
            self.round, form.approved, form.cleaned_data["comment"].strip()
        )
        if problem:  # answered in another tab a moment ago
            return self.refuse(problem)
        send_answered(self.sign_off, site_url(request))
        return redirect(request.path)

    def refuse(self, problem):
        # A second answer (a second press, another tab) is refused, saying what was.
        again = problem == "answered" and self.request.method == "POST"
        return self.render(problem, status=409 if again else None, again=again)

    def render(self, problem, form=None, status=None, again=False):
        context = {"problem": problem, "form": form, "again": again}
        if problem != "invalid":
            context.update(sign_off=self.sign_off, article=self.sign_off.article)
        template = "signoff/unavailable.html" if problem else "signoff/answer.html"
        response = TemplateResponse(
            self.request, template, context, status=status or PROBLEM_STATUS.get(problem, 200)
        )
        return keep_private(response)
