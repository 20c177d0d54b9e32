from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"

    def ready(self):
        from core.redirects import keep_addresses

        from .models import Priority, ResearchTheme

        for model in (ResearchTheme, Priority):
            keep_addresses(model, model.objects.all)
