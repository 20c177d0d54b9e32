"""Sign-off in the admin: the article's change form shows each member's answer and asks
before publishing without one; Communications request sign-off from the change form or the
list of articles; every sign-off is listed on its own page too.

The article admin is news's own, extended here (re-registered), so news knows nothing of
sign-off.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import get_text_list

from core.addresses import site_url
from core.audit import PUBLISHED_ANYWAY
from news.admin import ArticleAdmin as NewsArticleAdmin
from news.models import Article

from .models import SignOff, fingerprint, request_from_members

OVERRIDE = "publish_without_sign_off"


def _names(sign_offs):
    return get_text_list([sign_off.summary for sign_off in sign_offs], "and")


def _when(moment):
    return date_format(moment, "DATETIME_FORMAT") if moment else ""


class SignOffArticleForm(NewsArticleAdmin.form):
    publish_without_sign_off = forms.BooleanField(
        label="Publish without sign-off",
        required=False,
        help_text="Tick to publish or schedule although a member has not approved this text. "
        "The audit log records who did.",
    )

    # Set for a version being restored from History (ArticleAdmin.get_form): its form starts
    # from that version, so a restored "published" is no change, yet it publishes again.
    restoring = False

    def _post_clean(self):
        # After the model's own checks, so the text compared is the one being saved.
        super()._post_clean()
        self.unsigned = []
        article = self.instance
        publishing = article.status == Article.Status.PUBLISHED and (
            self.restoring or "status" in self.changed_data or "publish_at" in self.changed_data
        )
        if not (article.pk and publishing):
            return
        # The organisations as they will be saved: one taken off needs no sign-off.
        named = self.cleaned_data.get("organisations", article.organisations.all())
        self.unsigned = article.sign_offs.not_approving(fingerprint(article), named)
        if not self.unsigned:
            return
        names = _names(self.unsigned)
        if settings.SIGN_OFF_REQUIRED:
            self.add_error(
                "status",
                f"Not signed off, so it cannot be published yet: {names}. Members must "
                "approve an article that names them before it is published.",
            )
        elif not self.cleaned_data.get(OVERRIDE):
            self.add_error(
                "status",
                f"Not signed off: {names}. Tick “Publish without sign-off” to publish anyway, "
                "or wait for the members’ answers.",
            )


admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(NewsArticleAdmin):
    form = SignOffArticleForm
    actions = [*NewsArticleAdmin.actions, "request_sign_off"]

    def has_request_sign_off_permission(self, request, obj=None):
        return request.user.has_perm("signoff.add_signoff") and self.has_change_permission(
            request, obj
        )

    def sign_offs(self, obj):
        # Read by the fieldsets and the panel, several times per page: asked once.
        if not hasattr(obj, "_sign_offs"):
            obj._sign_offs = list(obj.sign_offs.select_related("organisation", "requested_by"))
        return obj._sign_offs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.restoring = getattr(request, "restoring", None) is not None
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        fields = ["sign_off_states"]
        if self.has_request_sign_off_permission(request, obj):
            fields.append("request_sign_off_link")
        unsigned = [s for s in self.sign_offs(obj) if not s.approves(fingerprint(obj))]
        if unsigned and not settings.SIGN_OFF_REQUIRED and self.has_publish_permission(request):
            fields.append(OVERRIDE)
        return [*fieldsets, ("Member sign-off", {"fields": fields})]

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "sign_off_states",
            "request_sign_off_link",
        ]

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # Expiry needs no job: a link past its time is marked (and its requester told)
            # when the article is opened.
            SignOff.objects.filter(article=article).expire_due(site_url(request))
        return article

    @admin.display(description="sign-off by members named")
    def sign_off_states(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    s.organisation.name,
                    s.contact_name,
                    s.state_label,
                    f"{_when(s.requested_at)} by {s.requested_by or 'someone no longer here'}; "
                    f"link expires {_when(s.expires_at)}",
                    s.comment,
                )
                for s in self.sign_offs(obj)
            ),
        )
        if not rows:
            return "No sign-off requested yet."
        return format_html(
            "<table><caption>Sign-off by members</caption><thead><tr><th scope='col'>"
            "Organisation</th><th scope='col'>Contact</th><th scope='col'>State</th>"
            "<th scope='col'>Requested</th><th scope='col'>Comment</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="ask them")
    def request_sign_off_link(self, obj):
        link = reverse("admin:news_article_request_sign_off", args=[obj.pk])
        return format_html('<a href="{}">Request sign-off from the members named</a>', link)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        unsigned = getattr(form, "unsigned", [])
        if unsigned and form.cleaned_data.get(OVERRIDE):
            names = _names(unsigned)
            self.log_change(request, obj, f"{PUBLISHED_ANYWAY} not signed off by {names}.")

    def publish_problems(self, item):
        problems = super().publish_problems(item)
        unsigned = item.sign_offs.not_approving(fingerprint(item), item.organisations.all())
        if unsigned:
            advice = (
                "members must approve it first"
                if settings.SIGN_OFF_REQUIRED
                else "open it and tick “Publish without sign-off” to publish it anyway"
            )
            problems["status"] = [f"not signed off: {_names(unsigned)}; {advice}"]
        return problems

    def get_urls(self):
        return [
            path(
                "<path:object_id>/sign-off/",
                self.admin_site.admin_view(self.request_sign_off_view),
                name="news_article_request_sign_off",
            ),
            *super().get_urls(),
        ]

    def request_sign_off_view(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_request_sign_off_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            self._request(request, article)
            return redirect("admin:news_article_change", article.pk)
        asked = {sign_off.organisation_id: sign_off for sign_off in self.sign_offs(article)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Request sign-off for “{article}”",
            "rows": [
                (organisation, asked.get(organisation.pk))
                for organisation in article.organisations.all()
            ],
        }
        return TemplateResponse(request, "admin/signoff/request.html", context)

    @admin.action(
        description="Request sign-off from the members named", permissions=["request_sign_off"]
    )
    def request_sign_off(self, request, queryset):
        for article in queryset:
            self._request(request, article)

    def _request(self, request, article):
        requested, missing = request_from_members(article, request.user, site_url(request))
        if requested:
            names = get_text_list([s.organisation.display_name for s in requested], "and")
            self.log_change(request, article, f"Asked {names} to sign off.")
            self.message_user(
                request, f"“{article}”: asked {names} to sign off by email.", messages.SUCCESS
            )
        if missing:
            names = get_text_list([o.display_name for o in missing], "and")
            self.message_user(
                request,
                f"“{article}”: no press contact is recorded for {names}, so no sign-off was "
                "asked for: an administrator can add one on the organisation’s page.",
                messages.WARNING,
            )
        if not requested and not missing:
            self.message_user(
                request,
                f"“{article}” names no member organisation, so there is no one to ask.",
                messages.WARNING,
            )


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    """Every sign-off, to see what waits for whom; asked for and answered elsewhere."""

    list_display = [
        "article",
        "organisation",
        "state_now",
        "requested_at",
        "expires_at",
        "answered_at",
    ]
    list_filter = ["state"]
    list_select_related = ["article", "organisation"]
    search_fields = ["article__title", "organisation__name", "contact_name"]
    readonly_fields = [
        "article",
        "organisation",
        "contact_name",
        "contact_email",
        "state",
        "comment",
        "requested_by",
        "requested_at",
        "expires_at",
        "answered_at",
    ]

    @admin.display(description="state", ordering="state")
    def state_now(self, obj):
        return obj.state_label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
