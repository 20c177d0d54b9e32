from django.views.generic import DetailView, TemplateView

from pagecache.parts import cached_for_content

from .models import Organisation

LISTED_FIELDS = [
    "name", "short_name", "slug", "kind", "is_member", "founding_member",
    "joined_on", "left_on", "summary", "logo", "logo_alt", "logo_width", "logo_height",
]  # fmt: skip


class OrganisationListView(TemplateView):
    """Current members grouped by kind, then former members, then partners."""

    template_name = "members/organisation_list.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        organisations = Organisation.objects.only(*LISTED_FIELDS)
        members = [o for o in organisations if o.is_member]
        current = [o for o in members if not o.has_left]
        groups = [
            (kind.plural_label, [o for o in current if o.kind == kind])
            for kind in Organisation.Kind
        ]
        return super().get_context_data(
            member_groups=[(heading, group) for heading, group in groups if group],
            former_members=[o for o in members if o.has_left],
            partners=[o for o in organisations if not o.is_member],
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    """One organisation; its latest news comes from news' `{% about_news %}` tag."""

    model = Organisation
    context_object_name = "organisation"
    query_parameters = ()

    def get_object(self, queryset=None):
        # The same for every visitor until content changes (nothing here has drafts).
        return cached_for_content(f"member-page:{self.kwargs['slug']}", super().get_object)
