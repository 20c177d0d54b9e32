from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self):
        from core.redirects import keep_addresses
        from pagecache.totals import track_rows
        from pagecache.versions import register_schedule
        from strategy.models import Priority, ResearchTheme

        from .models import Person, Role

        # A role shown as current must not stay so in a cached page after its last day.
        register_schedule(Role.objects.next_change)
        # The people index is kept with the rows it shows (templates/people/person_list.html).
        for model in (Person, Role, ResearchTheme, Priority):
            track_rows(model)
        keep_addresses(Person, Person.objects.listed, shown_by=("listed",))
