"""The demo content, read from the data files in ``demo/data/``: the member and partner
organisations, the goals, research themes and health priorities of the five-year strategy, the
strategy page text, a set of news articles and a downloadable report. It is written in our own
words from public facts such as names, dates and figures; where a date was not known, a
plausible one was chosen, so treat it as demonstration content only.
"""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read(name):
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


_strategy = read("strategy")

# TOML has no null, so a date not known is left out of the file.
ORGANISATIONS = [
    {"joined_on": None, "left_on": None, **organisation}
    for organisation in read("members")["organisations"]
]
GOALS = _strategy["goals"]
THEMES = _strategy["themes"]
PRIORITIES = _strategy["priorities"]
STRATEGY_PAGE = _strategy["page"]
ARTICLES = read("news")["articles"]
DOCUMENTS = read("documents")["documents"]
_contact = read("contact")
TOPICS = _contact["topics"]
PRESS_PAGE = _contact["press"]
PAGES = read("pages")["pages"]
PEOPLE = read("people")["people"]
OPPORTUNITIES = read("opportunities")["opportunities"]
EVENTS = read("events")["events"]
PUBLICATIONS = read("publications")["publications"]
