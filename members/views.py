from django.views.generic import DetailView, TemplateView

from news.views import AboutNewsMixin

from .models import Organisation


class OrganisationListView(TemplateView):
    """Current members grouped by kind, then former members, then partners."""

    template_name = "members/organisation_list.html"

    def get_context_data(self, **kwargs):
        organisations = list(Organisation.objects.only(*LISTED_FIELDS))
        current = {org.pk for org in Organisation.objects.current_members().only("pk")}
        groups = [
            (heading, [o for o in organisations if o.pk in current and o.kind == kind])
            for kind, heading in KIND_HEADINGS.items()
        ]
        return super().get_context_data(
            member_groups=[(label, orgs) for label, orgs in groups if orgs],
            former_members=[o for o in organisations if o.is_member and o.pk not in current],
            partners=[o for o in organisations if not o.is_member],
            **kwargs,
        )


KIND_HEADINGS = {
    Organisation.Kind.NHS_TRUST: "NHS trusts",
    Organisation.Kind.UNIVERSITY: "Universities",
    Organisation.Kind.INNOVATION_NETWORK: "Health innovation network",
    Organisation.Kind.OTHER: "Other members",
}
LISTED_FIELDS = [
    "name", "short_name", "slug", "kind", "is_member", "founding_member",
    "joined_on", "left_on", "summary", "logo", "logo_alt",
]  # fmt: skip


class OrganisationDetailView(AboutNewsMixin, DetailView):
    model = Organisation
    context_object_name = "organisation"
    news_filter = "organisation"
    news_param = "member"
