from django.views.generic import TemplateView

from members.models import Organisation
from news.models import Article
from strategy.models import Priority, ResearchTheme

HOME_FEATURED = 3
HOME_LATEST = 6


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        live = Article.objects.live().for_listing()
        featured = list(live.filter(featured=True)[:HOME_FEATURED])
        latest = live.exclude(pk__in=[a.pk for a in featured])[:HOME_LATEST]
        return super().get_context_data(
            featured=featured,
            latest=latest,
            members=Organisation.objects.current_members().only("name", "slug", "summary"),
            themes=ResearchTheme.objects.only("title", "slug", "summary"),
            priorities=Priority.objects.only("title", "slug", "summary"),
            **kwargs,
        )
