"""The admin site, arranged for the people who use it rather than by Django app.

The home page and the sidebar group models under headings staff recognise (Content,
Organisations and people, Strategy, Site), with names in their words. Security bookkeeping
(sign-in attempts, two-factor devices) sits in a group of its own, which Django's own
permission checks leave out for everyone who may not use it. A model nobody has placed yet
lands in "Other", so a newly registered model is never silently missing.
"""

from dataclasses import dataclass

from django.contrib import admin


@dataclass(frozen=True)
class Group:
    slug: str
    name: str
    # "app_label" for a whole app or "app_label.modelname" for one model, in display order.
    members: tuple[str, ...]

    def position(self, model):
        """Where `model` goes in this group, or None if it is not one of its members."""
        opts = model._meta
        for index, member in enumerate(self.members):
            if member in (opts.app_label, opts.label_lower):
                return index
        return None


GROUPS = [
    Group(
        "content",
        "Content",
        (
            "news.article",
            "signoff",
            "pages",
            "events",
            "opportunities",
            "publications",
            "documents",
            "images",
            "taggit.tag",
        ),
    ),
    Group("organisations-and-people", "Organisations and people", ("members", "people")),
    Group("strategy", "Strategy", ("strategy",)),
    Group(
        "site",
        "Site",
        (
            "bhp.user",
            "auth.group",
            "redirects",
            "contact",
            "workflow",
            "notifications",
            "django_tasks_database",
            "admin.logentry",
            "wordpress",
        ),
    ),
    Group("security", "Sign-in security", ("axes", "otp_totp", "otp_static")),
]
OTHER = Group("other", "Other", ())

# The names people use, where Django's differ.
NAMES = {
    "bhp.user": "Staff accounts",
    "auth.group": "Roles",
    "admin.logentry": "Audit log",
    "notifications.notification": "Emails sent",
    "notifications.preference": "My email notifications",
    "django_tasks_database.dbtaskresult": "Background tasks",
    "otp_totp.totpdevice": "Authenticator apps",
    "otp_static.staticdevice": "Backup codes",
    "axes.accessattempt": "Locked-out sign-ins",
    "axes.accesslog": "Sign-in log",
    "axes.accessfailurelog": "Failed sign-ins",
    "wordpress.importrun": "WordPress imports",
    "wordpress.importline": "WordPress import lines",
}


def group_for(model):
    """The group `model` belongs to and its place there (Other, after the rest, if none)."""
    for group in GROUPS:
        position = group.position(model)
        if position is not None:
            return group, position
    return OTHER, 0


class SiteAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for entry in app["models"]:
                entry["name"] = NAMES.get(entry["model"]._meta.label_lower, entry["name"])
        if app_label:  # one app's own page keeps Django's layout
            return app_list
        return self.grouped([entry for app in app_list for entry in app["models"]])

    def grouped(self, entries):
        """Django's model entries, arranged in GROUPS; groups with nothing in them are left
        out."""
        groups = {}
        for entry in entries:
            group, position = group_for(entry["model"])
            groups.setdefault(group, []).append((position, entry["name"], entry))
        return [
            {
                "name": group.name,
                "app_label": group.slug,
                "app_url": "",  # a group has no page of its own (admin/app_list.html)
                "has_module_perms": True,
                "models": [entry for *_, entry in sorted(members, key=lambda m: m[:2])],
            }
            for group in [*GROUPS, OTHER]
            if (members := groups.get(group))
        ]
