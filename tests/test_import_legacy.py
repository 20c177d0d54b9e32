from io import StringIO
from pathlib import Path

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command

from demo import content as demo_content
from members.models import Organisation
from news.models import Article

pytestmark = pytest.mark.django_db

LEGACY = Path(__file__).resolve().parents[2] / "shared" / "legacy-site"
if not LEGACY.exists():  # a clean clone in CI sits elsewhere; the pages are then beside it
    LEGACY = Path("/work/shared/legacy-site")
FIELDS = ["slug", "name", "short_name", "kind", "is_member", "founding_member", "joined_on"]

# Every article in the old site's pages, with the organisations it names.
EXPECTED = {
    "Fourth NHS member for Birmingham Health Partners extends specialist expertise": {
        "ROH", "UHB", "BWC", "SWBH", "UoB", "HIWM", "Bath", "NIHR",
    },
    "New partnership with ABHI places Birmingham at the forefront of healthtech innovation": {
        "ABHI",
    },
    "New evaluation sheds light on virtual wards in Birmingham and Solihull": {"UHB", "UoB"},
    "Promising new steroid drug could offer safer arthritis treatment": {"UoB", "NIHR"},
    "BHP announces exciting new role for its outgoing Chair": {"HIWM", "UoB", "BCHC"},
    "Largest ever UK surgical trial aims to reduce post-surgery infections": {"UoB", "NIHR"},
    "Birmingham teenager first in UK to receive groundbreaking diabetes treatment": {
        "UoB", "BWC", "UHB", "BCHC",
    },
    "“Born well, live well, die well” – BHP publishes report of activity 2020-2022": set(),
}  # fmt: skip


@pytest.fixture
def organisations():
    for data in demo_content.ORGANISATIONS:
        values = {name: data[name] for name in FIELDS}
        Organisation.objects.create(**values, other_names="\n".join(data["other_names"]))


def run(*args):
    out = StringIO()
    call_command("import_legacy", *args, stdout=out)
    return out.getvalue()


def linked(article):
    return {o.short_name for o in article.organisations.all()}


def test_imports_every_article_as_a_draft_linked_to_the_organisations_it_names(organisations):
    output = run(str(LEGACY))

    articles = {a.title: a for a in Article.objects.all()}
    assert {title: linked(articles[title]) for title in EXPECTED} == EXPECTED
    assert set(articles) == set(EXPECTED)
    assert {a.status for a in articles.values()} == {Article.Status.DRAFT}
    assert output.splitlines()[-1] == "8 created, 0 skipped, 2 unparseable."
    assert "could not parse" in output
    assert "002_" in output
    assert "strategy page" in output


def test_imported_text_is_clean_and_keeps_author_caption_lists_and_subheadings(organisations):
    run(str(LEGACY))

    abhi = Article.objects.get(title__startswith="New partnership with ABHI")
    assert abhi.author == "Louise Stanley"
    assert abhi.image_caption.startswith("Executive Director of Birmingham Health Partners")
    assert "<li>Demonstrating measurable improvements in clinical outcomes.</li>" in abhi.body
    assert abhi.summary.startswith("A new strategic partnership with the Association")
    surgical = Article.objects.get(title__startswith="Largest ever UK surgical trial")
    assert "<h2>Sue’s story</h2>" in surgical.body
    for article in Article.objects.all():
        for noise in ["Skip to main content", "You might also be interested in", "ENDS", "•"]:
            assert noise not in article.body, (article.title, noise)
    single = Article.objects.get(title__startswith="Fourth NHS member")
    assert single.author == ""
    assert single.body.count("<p>") == 6


def test_links_the_related_articles_the_page_lists(organisations):
    run(str(LEGACY))

    steroid = Article.objects.get(title__startswith="Promising new steroid drug")
    surgical = Article.objects.get(title__startswith="Largest ever UK surgical trial")
    assert [a.title for a in steroid.related_articles.all()] == [
        "BHP announces exciting new role for its outgoing Chair"
    ]
    assert [a.title for a in surgical.related_articles.all()] == [
        "Birmingham teenager first in UK to receive groundbreaking diabetes treatment"
    ]


def test_running_twice_creates_nothing_new(organisations):
    run(str(LEGACY))
    count = Article.objects.count()

    output = run(str(LEGACY))

    assert Article.objects.count() == count
    assert output.splitlines()[-1] == "0 created, 8 skipped, 2 unparseable."


def test_dry_run_reports_but_keeps_nothing(organisations):
    output = run(str(LEGACY), "--dry-run")

    assert Article.objects.count() == 0
    assert "would create: Fourth NHS member" in output
    assert output.splitlines()[-1] == "Dry run, nothing saved: 8 created, 0 skipped, 2 unparseable."


def test_a_page_is_imported_whole_or_not_at_all(organisations, tmp_path):
    paragraph = "The partnership announced a new programme of work with its members today."
    page = tmp_path / "page.txt"
    page.write_text(
        f"A first article that is perfectly fine\n\n{paragraph}\n\nENDS\n\n"
        f"Author: {'A byline far too long to keep ' * 10}\n\n"
        f"A second article with an impossible byline\n\n{paragraph}\n",
        encoding="utf-8",
    )

    output = run(str(page))

    assert not Article.objects.exists()
    assert "could not import" in output
    assert output.splitlines()[-1] == "0 created, 0 skipped, 1 unparseable."


def test_old_address_becomes_a_redirect(organisations, tmp_path, client):
    page = tmp_path / "page.txt"
    page.write_text(
        "URL: https://www.birminghamhealthpartners.co.uk/aston-university-joins-bhp/\n"
        "Skip to main content\n\n"
        "Aston University joins Birmingham Health Partners as seventh member\n\n"
        "Aston University has joined Birmingham Health Partners, the partnership said "
        "today, becoming its second university member.\n",
        encoding="utf-8",
    )

    run(str(page))

    article = Article.objects.get()
    assert linked(article) == {"Aston"}
    redirect = Redirect.objects.get()
    assert redirect.old_path == "/aston-university-joins-bhp/"
    assert redirect.new_path == article.get_absolute_url()


def test_files_that_are_not_text_are_reported(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00junk")

    assert "could not parse" in run(str(tmp_path))
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "missing.txt"))


def test_related_articles_listed_on_one_page_are_found_on_another(organisations, tmp_path):
    paragraph = "The University of Birmingham announced a new programme of work today with UHB."
    (tmp_path / "a.txt").write_text(
        f"A first article about a new programme\n\n{paragraph}\n\n"
        "You might also be interested in:\n\nA second article from a later page\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        f"A second article from a later page\n\n{paragraph}\n", encoding="utf-8"
    )

    output = run(str(tmp_path))

    first = Article.objects.get(title="A first article about a new programme")
    assert [a.title for a in first.related_articles.all()] == ["A second article from a later page"]
    assert "created: A first article about a new programme (a.txt): about UHB, UoB" in output


def _capture(name):
    return next(LEGACY.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("heading", ["Month: February 2022", "Category: News", "Tag: ROH"])
def test_an_archive_heading_above_the_first_post_is_not_a_post(organisations, tmp_path, heading):
    # A category archive of the old site: its heading, then the posts as captured.
    posts = _capture("001").removeprefix("Skip to main content")
    (tmp_path / "archive.txt").write_text(
        f"Skip to main content\n\n{heading}\n\n{posts}",
        encoding="utf-8",
    )

    output = run(str(tmp_path))

    assert output.splitlines()[-1] == "6 created, 0 skipped, 0 unparseable."
    assert heading not in " ".join(a.title + a.body for a in Article.objects.all())


def test_a_photo_caption_under_the_title_is_the_caption_not_the_first_paragraph(
    organisations, tmp_path
):
    # The old site's alliance post: its caption moved up under a title, as the site showed it.
    caption = "A graphic highlighting the new strategic alliance between the two hospital Trusts."
    text = _capture("002").replace(f"{caption}\n\n", "")
    (tmp_path / "alliance.txt").write_text(
        f"Month: February 2022\n\nROH and RJAH sign a strategic alliance for orthopaedic care\n\n"
        f"{caption}\n\n{text}",
        encoding="utf-8",
    )
    photo = "Members of ABHI and BHP meet in Birmingham to formalise the MoU agreement"
    abhi = _capture("001").replace(f"{photo}\n\n", "")
    title = "New partnership with ABHI places Birmingham at the forefront of healthtech innovation"
    (tmp_path / "abhi.txt").write_text(
        abhi.replace(f"{title}\n\n", f"{title}\n\n{photo}\n\n"),
        encoding="utf-8",
    )

    output = run(str(tmp_path))

    assert output.splitlines()[-1] == "7 created, 0 skipped, 0 unparseable."
    alliance = Article.objects.get(title__startswith="ROH and RJAH")
    assert alliance.image_caption == caption
    assert alliance.summary.startswith("The Robert Jones and Agnes Hunt Orthopaedic Hospital")
    assert caption not in alliance.body
    assert linked(alliance) == {"RJAH", "ROH"}
    abhi = Article.objects.get(title=title)
    # The main image's own caption, given later, wins over the photo's under the title.
    assert abhi.image_caption.startswith("Executive Director of Birmingham Health Partners")
    assert abhi.summary.startswith("A new strategic partnership with the Association")
    assert "formalise the MoU" not in abhi.body


def test_members_named_by_everyday_names_in_a_bracketed_list_are_all_linked(tmp_path):
    # As staff enter them: official names and acronyms, no other names.
    for data in demo_content.ORGANISATIONS:
        values = {name: data[name] for name in FIELDS}
        Organisation.objects.create(**values, other_names="")
    (tmp_path / "members.txt").write_text(
        "Birmingham Health Partners welcomes its newest NHS members\n\n"
        "The partnership now brings together the city’s NHS trusts (University Hospitals "
        "Birmingham, Birmingham Women’s and Children’s Hospitals, Sandwell and West Birmingham "
        "Hospitals, the Royal Orthopaedic and Birmingham and Solihull Mental Health Trust and …) "
        "with its universities.\n",
        encoding="utf-8",
    )

    run(str(tmp_path))

    assert linked(Article.objects.get()) == {"UHB", "BWC", "SWBH", "ROH", "BSMHFT"}
