"""Moving the old WordPress site over: `import_wordpress` and the old addresses.

The export in tests/fixtures/wordpress/ is shaped like WordPress's own (Tools → Export),
with classic and block-editor posts, a [caption] and unknown shortcodes, nested pages,
several categories per post, two authors, a draft, a future post, a featured image and
documents present and missing, and links between posts by their old addresses.
"""

import io
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from news.models import Article
from pages.models import Page
from people.models import Person
from search.models import ArticleSearchDocument, PageSearchDocument
from wordpress.models import ImportedItem, ImportLine, ImportRun

from .factories import ArticleFactory, OrganisationFactory, PersonFactory

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
UPLOADS = FIXTURES / "uploads"
HOSTS = ["www.bhp.org.uk", "bhp.org.uk"]
ASTON = "aston-university-joins-birmingham-health-partners"


def run_import(*args, export=EXPORT, uploads=UPLOADS):
    out = io.StringIO()
    options = ["--uploads", str(uploads)] if uploads else []
    call_command("import_wordpress", str(export), *options, *args, stdout=out)
    return out.getvalue()


def numberless(line):
    return re.sub(r"/documents/\d+/", "/documents/N/", line)


def counts():
    """Rows of everything an import may write."""
    models = [Article, Page, Person, Document, ImportedItem, ImportRun, ImportLine, Redirect,
              ArticleSearchDocument, PageSearchDocument]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *HOSTS]


@pytest.fixture
def members(db):
    return [
        OrganisationFactory(name="Aston University", short_name="Aston", slug="aston"),
        OrganisationFactory(
            name="Sandwell and West Birmingham Hospitals NHS Trust",
            short_name="SWBH",
            slug="swbh",
        ),
    ]


@pytest.fixture
def imported(members, hosts):
    director = PersonFactory(honorific="Professor", name="David Adams", slug="david-adams")
    return {"report": run_import(), "director": director}


def article(wp_id):
    return ImportedItem.objects.get(kind="post", key=str(wp_id)).content_object


def test_posts_become_articles_keeping_their_dates_and_states(imported):
    swbh = article(8012)
    assert swbh.title == "Sandwell and West Birmingham Hospitals joins Birmingham Health Partners"
    assert swbh.is_live
    # 09:30 in London in February is 09:30 UTC; 10:00 in September is 09:00 UTC.
    assert swbh.publish_at == datetime(2022, 2, 14, 9, 30, tzinfo=UTC)
    assert article(8100).publish_at == datetime(2022, 9, 20, 9, 0, tzinfo=UTC)
    assert article(8150).state == "Draft"
    assert article(8200).state == "Scheduled"
    assert article(8200).publish_at == datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    # A post that fails the publish checks (a "click here" link) waits as a draft.
    assert article(8120).state == "Draft"
    assert "fails publish checks: post 8120" in imported["report"]
    assert "click here" in imported["report"]


def test_bodies_become_the_sites_markup(imported, client):
    aston = article(8077)
    page = client.get(aston.get_absolute_url()).content.decode()
    # Classic editor: paragraphs made from blank lines, a line break kept.
    assert "<p>Aston University has become the seventh member" in aston.body
    assert "pharmacy.<br>" in aston.body
    # [caption] is a figure with its caption; the unknown shortcode is gone, and reported.
    assert "<figure>" in page
    assert "<figcaption>Aston University's campus in the city centre</figcaption>" in page
    assert "contact-form-7" not in aston.body
    assert "shortcode removed: post 8077" in imported["report"]
    # Block editor: no comments left.
    assert "wp:paragraph" not in article(8012).body
    # Links to old addresses lead to the new ones.
    assert 'href="/news/swbh-joins-birmingham-health-partners/"' in aston.body
    assert 'href="/news/report-of-activity-2020-2022/"' in aston.body
    assert 'href="/about-us/our-strategy/"' in article(8012).body
    assert "bhp.org.uk" not in aston.body


def test_terms_authors_mentions_images_and_documents(imported, members, client):
    aston = article(8077)
    assert set(aston.tags.names()) == {"News", "Clinical trials", "Evaluation"}
    assert aston.author == "Priya Shah"
    assert aston.byline_person == Person.objects.get(name="Priya Shah")
    assert article(8100).author == "Tom Gallagher"
    # Both members are named in the Aston article's text.
    assert set(aston.organisations.all()) == set(members)
    assert list(article(8012).people.all()) == [imported["director"]]
    assert list(article(8012).organisations.all()) == [members[1]]
    # The featured image, checked and stored, with its alt text.
    assert aston.image
    assert aston.image_alt == "Aston University's main building beside a lawn"
    page = client.get(aston.get_absolute_url()).content.decode()
    assert "Aston University&#x27;s main building beside a lawn" in page
    # The PDF is offered with its post; the missing one and the missing picture are reported.
    report = article(8100)
    assert [d.title for d in report.documents.all()] == ["Report of activity 2020 to 2022"]
    assert report.documents.get().file_type == "PDF"
    assert "file missing: attachment 9003" in imported["report"]
    assert "featured image 2022/02/sandwell-general.jpg" in imported["report"]
    assert not article(8012).image


@pytest.mark.postgres
def test_imported_posts_and_pages_are_found_by_their_words(imported, client):
    """Their search vectors are computed together at the end of the import."""
    assert ArticleSearchDocument.objects.filter(vector__isnull=False).count() == (
        Article.objects.count()
    )
    found = client.get(reverse("search:results"), {"q": "pharmacy"}).content.decode()
    assert article(8077).title in found
    found = client.get(reverse("search:results"), {"q": "clinical trials"}).content.decode()
    assert 'href="/research-themes/clinical-trials/"' in found


def test_pages_keep_their_tree_and_addresses(imported, client):
    strategy = Page.objects.get(path="about-us/our-strategy")
    assert strategy.parent.title == "About us"
    assert Page.objects.get(path="research-themes/clinical-trials").parent.slug == "research-themes"
    response = client.get("/about-us/our-strategy/")
    assert response.status_code == 200
    assert "<h2>Infant mortality</h2>" in response.content.decode()


# Every kind of old address, each to the title the page must show.
OLD_ADDRESSES = [
    ("/aston-university-joins-birmingham-health-partners/", "Aston University joins Birmingham"),
    ("/aston-university-joins-birmingham-health-partners", "Aston University joins Birmingham"),
    ("/2022/02/14/swbh-joins-birmingham-health-partners/", "Sandwell and West Birmingham Hos"),
    ("/2022/02/14/swbh-joins-birmingham-health-partners", "Sandwell and West Birmingham Hos"),
    ("/2022/09/report-of-activity-2020-2022/", "BHP Rapid Evaluation Centre: report"),
    ("/?p=8077", "Aston University joins Birmingham"),
    ("/?p=8012&utm_source=newsletter", "Sandwell and West Birmingham Hos"),
    ("/?page_id=11", "Our strategy"),
    ("/?attachment_id=9002", None),  # the document itself
    ("/about-us/our-strategy", "Our strategy"),
    ("/category/clinical-trials/", "Clinical trials"),
    ("/category/news/page/3/", "News"),
    ("/tag/evaluation/", "Evaluation"),
    ("/tag/evaluation", "Evaluation"),
    ("/author/commsofficer/", "Priya Shah"),
    ("/author/commsofficer/page/19/", "Priya Shah"),
    ("/2022/", "in 2022"),
    ("/2022/02/", "in February 2022"),
    ("/2022/02/14/", "in February 2022"),
    ("/2022/02", "in February 2022"),
    ("/page/2/", "News"),
    ("/wp-content/uploads/2022/09/report-of-activity-2020-2022.pdf", None),
]


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize(("old", "title"), OLD_ADDRESSES)
def test_every_old_address_leads_permanently_to_its_page(imported, client, host, old, title):
    response = client.get(old, follow=True, headers={"host": host})
    assert response.redirect_chain, f"{old} did not redirect"
    assert all(status == 301 for _, status in response.redirect_chain)
    assert response.status_code == 200
    if title is None:
        assert response["Content-Type"] == "application/pdf"
        assert response.redirect_chain[-1][0] == Document.objects.get().get_absolute_url()
    else:
        assert f"<h1>{title}" in response.content.decode() or title in response.content.decode()
        assert "<title>" in response.content.decode()


def test_an_old_post_id_redirects_even_when_the_home_page_is_kept(imported, client):
    # The page cache would answer /?p= with the home page (it drops parameters the home
    # page does not read): the redirect comes first.
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/?utm_source=x")["X-Page-Cache"] == "hit"
    response = client.get("/?p=8077")
    assert response.status_code == 301
    assert response["Location"] == article(8077).get_absolute_url()


def test_a_renamed_article_is_found_at_its_new_address(imported, client):
    aston = article(8077)
    aston.slug = "aston-joins"
    aston.save()
    response = client.get("/?p=8077")
    assert response["Location"] == "/news/aston-joins/"
    old = client.get("/aston-university-joins-birmingham-health-partners/", follow=True)
    assert old.redirect_chain[-1] == ("/news/aston-joins/", 301)


def test_pages_answer_at_their_old_paths_without_a_hop(imported, client):
    for path, title in [
        ("/research-themes/clinical-trials/", "Clinical trials"),
        ("/about-us/", "About us"),
    ]:
        response = client.get(path, headers={"host": "bhp.org.uk"})
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()


def test_archive_and_listing_addresses_show_the_right_articles(imported, client):
    response = client.get("/2022/02/", follow=True)
    html = response.content.decode()
    assert "Showing 1 article in February 2022" in html
    assert "Sandwell and West Birmingham Hospitals joins" in html
    assert "Infant mortality" not in html


def test_the_featured_image_address_leads_to_the_stored_image(imported, client):
    response = client.get("/wp-content/uploads/2023/06/aston-campus.jpg")
    assert response.status_code == 301
    assert response["Location"] == article(8077).image.url
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("old", "feed"),
    [
        ("/feed/", "/news/feed/"),
        ("/feed", "/news/feed/"),
        ("/category/clinical-trials/feed/", "/news/feed/tag/clinical-trials/"),
        ("/tag/evaluation/feed/", "/news/feed/tag/evaluation/"),
        ("/author/commsofficer/feed/", "/news/feed/"),
    ],
)
def test_old_feeds_lead_to_the_matching_feeds(imported, client, old, feed):
    response = client.get(old, follow=True)
    assert response.redirect_chain[-1] == (feed, 301)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def test_unknown_old_addresses_still_say_not_found(imported, client):
    for address in ["/no-such-post/", "/?p=999999", "/category/nothing/", "/2022/13/"]:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert response.status_code == 200 or not response.has_header("Location")
    assert client.get("/?p=999999").status_code == 200  # the home page, as WordPress would


def test_the_same_export_again_changes_nothing(imported):
    before = counts()
    changed = {a.pk: a.updated_at for a in Article.objects.all()}
    report = run_import()
    assert "created:" not in report
    assert "updated:" not in report
    assert report.splitlines()[-1].startswith("18 unchanged, 1 file missing, 1 skipped.")
    after = counts()
    assert after.pop("ImportRun") == before.pop("ImportRun") + 1
    after.pop("ImportLine"), before.pop("ImportLine")
    assert after == before
    assert {a.pk: a.updated_at for a in Article.objects.all()} == changed


def test_a_newer_export_updates_what_staff_left_alone_and_keeps_their_edits(imported, tmp_path):
    swbh, aston = article(8012), article(8077)
    aston.title = "Aston University becomes our seventh member"
    aston.save()  # a member of staff's edit
    newer = EXPORT.read_text().replace("fourth NHS member", "fifth NHS member")
    newer = newer.replace("seventh member of Birmingham", "7th member of Birmingham")
    (tmp_path / "newer.xml").write_text(newer)
    report = run_import(export=tmp_path / "newer.xml")
    swbh.refresh_from_db()
    aston.refresh_from_db()
    assert "fifth NHS member" in swbh.body
    assert "updated: post 8012" in report
    assert aston.title == "Aston University becomes our seventh member"
    assert "seventh member of Birmingham" in aston.body
    assert "kept staff edits: post 8077" in report
    assert "export's changes were not applied" in report


def test_an_address_taken_by_another_article_is_reported_and_kept(members, hosts, client):
    ArticleFactory(title="Aston joins (from the old site's text)", slug=ASTON)
    report = run_import()
    assert "address taken: post 8077 “Aston University joins Birmingham Health Partners”" in report
    assert f"an article not from this export is at /news/{ASTON}/ already" in report
    assert article(8077).slug == f"{ASTON}-8077"
    response = client.get(f"/{ASTON}/", follow=True)
    assert response.redirect_chain[-1] == (f"/news/{ASTON}-8077/", 301)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg onload=alert(1)>", "This file is not an image we can read."),
        ((UPLOADS / "2023/06/aston-campus.jpg").read_bytes(), "the largest image accepted is"),
    ],
)
def test_a_featured_image_is_checked_like_any_upload(
    members, hosts, tmp_path, settings, content, message
):
    settings.IMAGE_MAX_BYTES = 10_000  # the real photo is 17 kB
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    (uploads / "2023/06/aston-campus.jpg").write_bytes(content)
    report = run_import(uploads=uploads)
    assert "failed: post 8077 “Aston University joins Birmingham Health Partners”: " in report
    assert message in report
    assert not article(8077).image  # the article itself is imported
    assert "created: post 8077" in report


def test_what_staff_deleted_is_not_made_again(imported):
    article(8100).delete()
    report = run_import()
    assert "skipped: post 8100" in report
    assert "deleted here since it was imported" in report
    assert not Article.objects.filter(slug="report-of-activity-2020-2022").exists()


def test_a_dry_run_writes_nothing_and_reports_the_same(members, hosts, settings):
    before = counts()
    dry = run_import("--dry-run")
    assert counts() == before
    media = Path(settings.MEDIA_ROOT)
    assert not [path for path in media.rglob("*") if path.is_file()]
    real = run_import()
    *dry_lines, dry_totals = dry.splitlines()
    *real_lines, real_totals = real.splitlines()
    # Only the document's number differs: a rolled-back insert still uses up its number.
    assert [numberless(line) for line in dry_lines] == [numberless(line) for line in real_lines]
    assert dry_totals == f"Dry run, nothing saved: {real_totals.split('. The report')[0]}."
    assert real_totals.startswith(
        "18 created, 7 old addresses redirected, 2 file missing, 2 shortcode removed, "
        "1 fails publish checks, 1 skipped."
    )


def test_the_report_is_kept_for_administrators(imported, admin_client_in_group, comms_client):
    run = ImportRun.objects.get()
    assert run.totals["created"] == 18
    url = f"/admin/wordpress/importrun/{run.pk}/change/"
    page = admin_client_in_group.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html  # read-only
    missing = f"/admin/wordpress/importline/?run__id__exact={run.pk}&amp;outcome=file missing"
    assert f'<a href="{missing}">2 file missing</a>' in html
    lines = admin_client_in_group.get(missing.replace("&amp;", "&")).content.decode()
    assert "Pregnancy Policy Commission report" in lines
    assert "2022/09/pregnancy-policy-commission-report.pdf is not in the uploads" in lines
    assert "Aston University joins" not in lines
    assert admin_client_in_group.get("/admin/wordpress/importrun/add/").status_code == 403
    assert comms_client.get(url).status_code == 403
    assert comms_client.get("/admin/wordpress/importline/").status_code == 403


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<rss><channel><item><title>Cut off", "not well-formed XML: no element found"),
        (b"<rss><channel><title>A feed</title></channel></rss>", "not a WordPress export"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">]><rss/>',
            "declares a document type",
        ),
        (
            b'<rss xmlns:wp="http://wordpress.org/export/2.0/"><channel>'
            b"<wp:wxr_version>2.0</wp:wxr_version></channel></rss>",
            "it is a WXR 2.0 export",
        ),
    ],
)
def test_a_bad_export_is_refused_clearly_and_changes_nothing(db, tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run_import(export=path)
    assert counts() == before


def test_a_wxr_1_1_export_and_no_uploads_folder(members, hosts, tmp_path):
    older = EXPORT.read_text().replace("export/1.2/", "export/1.1/").replace(">1.2<", ">1.1<")
    (tmp_path / "old.xml").write_text(older)
    report = run_import(export=tmp_path / "old.xml", uploads=None)
    assert "18 created" not in report  # the PDF is missing without the uploads
    assert article(8077).title == "Aston University joins Birmingham Health Partners"
    assert "file missing: attachment 9002" in report
    assert timezone.is_aware(article(8077).publish_at)
