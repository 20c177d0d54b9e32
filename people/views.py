from django.db.models import Prefetch
from django.views.generic import DetailView, TemplateView

from members.models import Organisation
from pagecache.parts import cached_for_content

from .models import Person, Role

LISTED_FIELDS = [
    "honorific", "name", "post_nominals", "slug", "photo", "photo_width", "photo_height",
    "photo_alt", "photo_decorative",
]  # fmt: skip


def grouped(roles):
    """[(heading, [role, ...])] in the order /people/ shows them, leaving out empty groups;
    within a group, by kind of role (the chair first)."""
    groups = [
        (heading, sorted((r for r in roles if r.kind in kinds), key=lambda r: kinds.index(r.kind)))
        for heading, kinds in Role.GROUPS
    ]
    return [(heading, members) for heading, members in groups if members]


def public_roles():
    """Roles of listed people, with what each shows, in one query."""
    return (
        Role.objects.public()
        .select_related("person", "theme", "priority")
        .only(
            *(f"person__{field}" for field in LISTED_FIELDS),
            "kind", "title", "starts_on", "ends_on", "person",
            "theme__title", "theme__slug", "priority__title", "priority__slug",
        )
        .order_by("person__name", "-starts_on", "pk")
    )  # fmt: skip


class PeopleIndexView(TemplateView):
    """Leadership, the board, theme and priority leads and press contacts as they are
    today; with `?past=1`, who held each kind of role before."""

    template_name = "people/person_list.html"
    query_parameters = ("past",)

    def get_context_data(self, **kwargs):
        show_past = self.request.GET.get("past") == "1"
        # Each read only when the page's kept markup (its content part) has to be made
        # again; the roles themselves are not kept as well: pickling 600 roles with their
        # people for the cache cost more than the query that reads them. Past roles are
        # read only to be shown: otherwise all that is asked is whether there are any.
        # The query is built only when needed too: building it cost more than the kept part.
        return super().get_context_data(
            groups=lambda: grouped(public_roles().current()),
            past_groups=lambda: (
                grouped(
                    public_roles().past().order_by("-ends_on", "person__name", "-starts_on", "pk")
                )
                if show_past
                else None
            ),
            has_past=lambda: public_roles().past().exists(),
            show_past=show_past,
            **kwargs,
        )


class PersonDetailView(DetailView):
    """One person: their roles now and before, what they lead, where they work, and (by
    news' `{% naming_news %}` tag) the news that names them."""

    context_object_name = "person"
    query_parameters = ()

    def get_queryset(self):
        roles = Role.objects.select_related("theme", "priority")
        return Person.objects.listed().prefetch_related(
            Prefetch("roles", queryset=roles),
            Prefetch("organisations", queryset=Organisation.objects.only("name", "slug")),
        )

    def get_object(self, queryset=None):
        # The same for every visitor until content changes (people have no drafts).
        return cached_for_content(f"person-page:{self.kwargs['slug']}", super().get_object)

    def get_context_data(self, **kwargs):
        roles = self.object.roles.all()
        return super().get_context_data(
            current_roles=[role for role in roles if role.is_current],
            past_roles=[role for role in roles if role.is_past],
            upcoming_roles=[role for role in roles if not role.is_current and not role.is_past],
            **kwargs,
        )
