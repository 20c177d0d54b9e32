from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import SiteModelAdmin
from core.audit import DEACTIVATED, EventFilter, event_label

from .models import User
from .two_factor import TwoFactorAuthenticationForm

admin.site.site_header = "Birmingham Health Partners"
admin.site.site_title = "BHP site administration"
admin.site.index_title = "Manage the website"

admin.site.login_form = TwoFactorAuthenticationForm


@admin.register(User)
class StaffAccountAdmin(UserAdmin):
    """Staff accounts. Administrators manage them, but only superusers hand out superuser
    status or individual permissions, change their own groups, change a superuser's
    account or set someone else's password: otherwise an administrator could make
    themselves superuser, or sign in as a colleague. Read-only fields are left out of the
    form, so a forged POST of them changes nothing.

    Accounts are deactivated, never deleted: deleting one would delete its audit entries
    (`LogEntry.user` cascades) and leave their revisions without an author.
    """

    actions = ["deactivate"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                readonly.append("groups")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_password_permission(request):
            return fieldsets
        # The password row links to the page that sets it; staff change their own with
        # "Change password" at the top of every admin page, which asks for the current one.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_password_permission(self, request):
        return request.user.is_superuser

    def user_change_password(self, request, id, form_url=""):
        if not self.has_change_password_permission(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description="Deactivate selected accounts", permissions=["change"])
    def deactivate(self, request, queryset):
        accounts = list(queryset.filter(is_active=True))
        refused = [
            account
            for account in accounts
            if account.pk == request.user.pk or not self.has_change_permission(request, account)
        ]
        accounts = [account for account in accounts if account not in refused]
        for account in accounts:
            account.is_active = False
        if accounts:
            User.objects.bulk_update(accounts, ["is_active"])
            LogEntry.objects.log_actions(request.user.pk, accounts, CHANGE, DEACTIVATED)
            self.message_user(
                request,
                ngettext(
                    "%d account deactivated: it can no longer sign in; its history is kept.",
                    "%d accounts deactivated: they can no longer sign in; their history is kept.",
                    len(accounts),
                )
                % len(accounts),
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                "Not deactivated (your own account, or a superuser's, which only a "
                "superuser may change): " + ", ".join(a.get_username() for a in refused),
                messages.WARNING,
            )


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles. A group's permissions are individual permissions handed out in bulk, so, like
    those, only superusers change them; administrators may still name roles and fill them."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "permissions"]


class LostDeviceAdmin:
    """Two-factor devices in the admin are for superusers helping someone who lost their
    phone: they may see whose devices exist and remove them, never read a key or a backup
    code (`OTP_ADMIN_HIDE_SENSITIVE_DATA`), nor add or change a device for someone else.
    Everyone sets up their own on the "Two-factor sign-in" page."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LostTOTPDeviceAdmin(LostDeviceAdmin, TOTPDeviceAdmin):
    pass


class LostStaticDeviceAdmin(LostDeviceAdmin, StaticDeviceAdmin):
    pass


# django-otp registers its own admin classes, open to anyone with the model permissions;
# these replace them whichever app's admin module is loaded first.
for model, model_admin in [
    (TOTPDevice, LostTOTPDeviceAdmin),
    (StaticDevice, LostStaticDeviceAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(LogEntry)
class LogEntryAdmin(SiteModelAdmin):
    """The audit log, for superusers and Administrators (the `view_logentry` permission)."""

    list_display = ["action_time", "user", "event", "content_type", "object_link", "details"]
    # Only the types and people that appear in the log, not every table and account.
    list_filter = [
        EventFilter,
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_per_page = 100

    # History is evidence: nobody edits or deletes it, not even administrators.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="what happened", ordering="action_flag")
    def event(self, entry):
        return event_label(entry)

    @admin.display(description="what", ordering="object_repr")
    def object_link(self, entry):
        url = None if entry.is_deletion() else entry.get_admin_url()
        if url:
            return format_html('<a href="{}">{}</a>', url, entry.object_repr)
        return entry.object_repr

    @admin.display(description="details")
    def details(self, entry):
        return entry.get_change_message()


# The site serves redirects (RedirectFallbackMiddleware): from the old website's addresses,
# which staff manage here and the importer adds, and from moved ones (core.redirects).
class RedirectForm(forms.ModelForm):
    """A redirect on this site: the site is set from SITE_ID, never asked for."""

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.site_id = settings.SITE_ID

    def clean_new_path(self):
        # A redirect sends visitors to a page of this site, never to somewhere else.
        new_path = self.cleaned_data["new_path"]
        if new_path and (not new_path.startswith("/") or new_path.startswith("//")):
            raise ValidationError(
                "Enter an address on this site starting with /, for example /news/."
            )
        return new_path

    def validate_unique(self):
        # The site is not on the form, but an old address may still only be used once.
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions() - {"site"})
        except ValidationError as error:
            self._update_errors(error)


# The site record follows the SITE_DOMAIN setting, so it is not edited here.
admin.site.unregister(Site)
admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(SiteModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path"]
    search_fields = ["old_path", "new_path"]
