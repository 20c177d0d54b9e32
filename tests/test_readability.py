import pytest

from core.readability import Readability
from news.models import Article

from .factories import ArticleFactory
from .test_admin import article_form

PLAIN = (
    "<p>We have a new member. Aston University joined us today. It is the second university "
    "in the group. We will work with its staff on health research.</p>"
)
JARGON = (
    "<p>The multidisciplinary consortium facilitates translational investigations, "
    "operationalising interdisciplinary methodologies to accelerate the commercialisation "
    "of biomedical innovations across heterogeneous organisational infrastructures.</p>"
)


def test_plain_english_gets_a_low_reading_age():
    plain = Readability.of_html(PLAIN)
    assert (plain.words, plain.sentences) == (27, 4)
    assert plain.reading_age <= 11
    assert plain.flesch_reading_ease >= 60
    assert plain.verdict.startswith("Easy to read")


def test_long_words_in_a_long_sentence_get_a_high_reading_age():
    hard = Readability.of_html(JARGON)
    assert hard.sentences == 1
    assert hard.reading_age_label == "over 18"
    assert hard.flesch_reading_ease < 30
    assert hard.verdict.startswith("Hard to read")


def test_headings_and_list_items_end_sentences_and_markup_is_not_counted():
    text = Readability.of_html(
        "<h2>What we do</h2><ul><li>train researchers</li><li>run trials</li></ul>"
        "<p>Fish &amp; chips&nbsp;today.</p>"
    )
    assert (text.words, text.sentences) == (10, 4)


def test_reading_time_rounds_to_whole_minutes_and_is_at_least_one():
    assert Readability.of_html(PLAIN).reading_minutes == 1
    assert Readability.of_html("<p>" + "word " * 1000 + "</p>").reading_minutes == 5


@pytest.mark.django_db
def test_article_form_shows_readability_with_an_explanation(comms_client):
    article = ArticleFactory(body=PLAIN)
    page = comms_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "how easy to read" in page.lower()
    assert "27 words · about 1 minute to read" in page
    assert "NHS content aims at a reading age of 9 to 11" in page
    assert (
        "Write the article to see how easy it is to read"
        in comms_client.get("/admin/news/article/add/").content.decode()
    )


@pytest.mark.django_db
def test_hard_text_is_advice_and_never_stops_a_save(comms_client):
    response = comms_client.post("/admin/news/article/add/", article_form(body=JARGON))
    assert response.status_code == 302
    article = Article.objects.get()
    page = comms_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Reading age over 18" in page


@pytest.mark.django_db
def test_the_guide_is_worked_out_again_for_text_being_written(comms_client):
    response = comms_client.post("/admin/readability/", {"body": PLAIN})
    assert response.status_code == 200
    assert "27 words · about 1 minute to read" in response.content.decode()
    assert comms_client.get("/admin/readability/").status_code == 405
    form = comms_client.get("/admin/news/article/add/").content.decode()
    assert 'data-readability-url="/admin/readability/"' in form
    assert "js/readability.js" in form


@pytest.mark.django_db
def test_only_staff_can_use_the_readability_guide(client):
    assert client.post("/admin/readability/", {"body": PLAIN}).status_code == 302
