"""Drive a page's forms the way a browser does: post what the page rendered, nothing more.

Tests that build POST data by hand (or from ``response.context``) pass even when the page
never renders a field, which is how edit-conflict checks went missing unnoticed. These
helpers read the HTML the page sent, collect the values a browser would submit, and refuse
to fill in a field the page does not have.

Likewise, tests that read what a page lists from ``response.context`` pass when the template
stops showing it. ``page()`` and the helpers after it read the rendered lists instead: the
articles, an admin list's rows, the choices a filter offers, the messages.
"""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

TEXT_INPUTS_SKIPPED = {"submit", "button", "image", "reset", "file"}


class Form:
    """One ``<form>`` as rendered: its action, method and the values it would submit."""

    def __init__(self, attrs, page_url):
        self.attrs = attrs
        self.action = urljoin(page_url, attrs.get("action") or "")
        self.method = (attrs.get("method") or "get").lower()
        self.fields = []  # (name, value) pairs in document order, as a browser sends them
        self.names = set()  # every named control, including unticked boxes and files
        self.buttons = {}  # name -> value of submit buttons

    def __repr__(self):
        return f"<Form {self.method.upper()} {self.action} {sorted(self.names)}>"

    def data(self, button=None, **values):
        """The form's values with some replaced, as a dict the test client posts.

        ``values`` may only name controls the page rendered; a list sets every value of a
        multi-valued control, ``None`` leaves a control out (an unticked box).
        """
        unknown = set(values) - self.names - set(self.buttons)
        if unknown:
            raise AssertionError(f"The page's form has no field {sorted(unknown)}: {self!r}")
        data = {}
        for name, value in self.fields:
            if name not in values:
                data.setdefault(name, []).append(value)
        for name, value in values.items():
            if value is not None:
                data[name] = value if isinstance(value, list | tuple) else [value]
        if button is not None:
            if button not in self.buttons:
                raise AssertionError(f"The page's form has no button {button!r}: {self!r}")
            data[button] = [self.buttons[button]]
        return {name: vals if len(vals) != 1 else vals[0] for name, vals in data.items()}

    def add_row(self, prefix):
        """Add a row to the inline formset ``prefix`` as the admin's "Add another" script
        does: a copy of its empty form (``__prefix__``) numbered next, and TOTAL_FORMS one
        more. Returns the new row's prefix, e.g. ``share_links-0``."""
        total = f"{prefix}-TOTAL_FORMS"
        values = dict(self.fields)
        if total not in values:
            raise AssertionError(f"The page's form has no formset {prefix!r}: {self!r}")
        index = int(values[total])
        template, row = f"{prefix}-__prefix__-", f"{prefix}-{index}-"
        copied = [
            (name.replace(template, row), value) for name, value in self.fields if template in name
        ]
        if not copied:
            raise AssertionError(f"The page renders no empty form for {prefix!r}: {self!r}")
        self.fields = [
            (name, str(index + 1) if name == total else value) for name, value in self.fields
        ] + copied
        self.names |= {name.replace(template, row) for name in self.names if template in name}
        return row.rstrip("-")

    def value(self, name):
        """The value the form would send for `name` (the first, for a multi-valued one)."""
        return next(value for field, value in self.fields if field == name)

    def submit(self, client, button=None, **values):
        """Send the form with ``client`` as a browser would, after changing ``values``."""
        data = self.data(button, **values)
        if self.method == "post":
            return client.post(self.action, data)
        return client.get(self.action, data)


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms = []
        self.form = None
        self.select = None  # [name, multiple, options: [(value, selected)]]
        self.option = None  # [value or None, text, selected]
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = {key: "" if value is None else value for key, value in attrs}
        if tag == "form":
            self.form = Form(attrs, self.page_url)
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if tag == "input" and name:
            self.form.names.add(name)
            kind = attrs.get("type", "text").lower()
            if kind == "submit" or kind == "image":
                self.form.buttons[name] = attrs.get("value", "")
            elif disabled or kind in TEXT_INPUTS_SKIPPED:
                pass
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value", "on")))
            else:
                self.form.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name and attrs.get("type", "submit").lower() == "submit":
            self.form.buttons[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self.form.names.add(name)
            if not disabled:
                self.select = [name, "multiple" in attrs, []]
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and name:
            self.form.names.add(name)
            if not disabled:
                self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            self._close_option()
        elif tag == "select" and self.select is not None:
            self._close_option()
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a browser submits the first option by default
            self.form.fields.extend((name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # The HTML parser keeps the newline that browsers drop after <textarea>.
            self.form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "form":
            self.form = None

    def _close_option(self):
        if self.option is None:
            return
        value, text, selected = self.option
        self.select[2].append((text.strip() if value is None else value, selected))
        self.option = None


def forms(response):
    """Every form on the page the response carries."""
    return forms_in(response.content.decode(), response.wsgi_request.build_absolute_uri())


def forms_in(html, page_url):
    """Every form in `html`, a page fetched from `page_url` (by a real HTTP client)."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms


def form(response, field=None, action=None):
    """The one form on the page that has ``field`` (or posts to ``action``)."""
    found = [
        candidate
        for candidate in forms(response)
        if (field is None or field in candidate.names)
        and (action is None or candidate.action.endswith(action))
    ]
    if len(found) != 1:
        raise AssertionError(
            f"Expected one form with field={field!r} action={action!r}, found {found}"
        )
    return found[0]


class _ErrorParser(HTMLParser):
    """Collects the error lists Django renders: `<ul class="errorlist" id="id_NAME_error">`
    under a field, `<ul class="errorlist nonfield">` above the form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = {}
        self.current = None  # the messages of the list being read
        self.item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "errorlist" in (attrs.get("class") or "").split():
            ident = attrs.get("id") or ""
            name = ident.removeprefix("id_").removesuffix("_error") if ident else "__all__"
            self.current = self.errors.setdefault(name, [])
        elif tag == "li" and self.current is not None:
            self.item = ""

    def handle_data(self, data):
        if self.item is not None:
            self.item += data

    def handle_endtag(self, tag):
        if tag == "li" and self.item is not None:
            self.current.append(self.item.strip())
            self.item = None
        elif tag == "ul":
            self.current = None


def errors(response):
    """The error messages the page shows, by field name (`__all__` for the form's own)."""
    parser = _ErrorParser()
    parser.feed(response.content.decode())
    parser.close()
    return parser.errors


# Elements that never have content, so never an end tag to close them.
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class Element:
    """One element of a rendered page, with what it contains: enough to read a page as a
    visitor does, so that a test checks what was shown, not what the view meant to show."""

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = attrs
        self.children = []  # elements and text, in document order

    @property
    def text(self):
        """The text inside, as read on screen: runs of white space are one space."""
        return " ".join("".join(self._strings()).split())

    @property
    def markup(self):
        """The markup inside, as parsed: elements with their attributes, text escaped."""
        return "".join(
            escape(child, quote=False) if isinstance(child, str) else child._outer()
            for child in self.children
        )

    def _outer(self):
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs.items())
        start = f"<{self.tag}{attrs}>"
        return start if self.tag in VOID_ELEMENTS else f"{start}{self.markup}</{self.tag}>"

    def _strings(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._strings()

    def find_all(self, tag=None, **attrs):
        """The elements inside this one with `tag` and `attrs`, in document order.

        Attributes are named as in Python (`class_`, `aria_labelledby`); `class_` matches
        one of an element's classes, as a CSS selector does.
        """
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        for child in self.children:
            if isinstance(child, str):
                continue
            if (tag is None or child.tag == tag) and all(
                value in child.attrs.get("class", "").split()
                if name == "class"
                else child.attrs.get(name) == value
                for name, value in wanted.items()
            ):
                yield child
            yield from child.find_all(tag, **attrs)

    def find(self, tag=None, **attrs):
        """The first element `find_all` finds, or None."""
        return next(self.find_all(tag, **attrs), None)


class _TreeParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {key: "" if value is None else value for key, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        # An end tag closes its element and any left open inside it (an unclosed <p>); one
        # with nothing to close is ignored, as browsers do.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def page(response):
    """The page the response carries, as a tree of `Element`s."""
    parser = _TreeParser()
    parser.feed(response.content.decode())
    parser.close()
    return parser.root


def article_slugs(response, section=None):
    """The articles the page lists as cards, in order, by slug; only those in the
    `<section>` labelled by the heading with id `section`, if given.

    A card's title links to /news/<slug>/; the cards of events and opportunities, styled
    the same, are left out.
    """
    found = page(response)
    if section is not None:
        found = found.find("section", aria_labelledby=section)
        if found is None:
            raise AssertionError(f"The page has no section labelled by #{section}")
    links = (title.find("a").attrs["href"] for title in found.find_all(class_="card__title"))
    return [href.split("/")[2] for href in links if href.startswith("/news/")]


def options(response, name):
    """The choices the page's `<select name="...">` offers, as (value, label) in order."""
    select = page(response).find("select", name=name)
    if select is None:
        raise AssertionError(f"The page has no select named {name!r}")
    return [
        (option.attrs.get("value", option.text), option.text)
        for option in select.find_all("option")
    ]


def _results_table(response):
    """The headings and the rows of cells of `<table id="result_list">`, which the admin's
    lists and the reports laid out like them render; no rows when there is no table, as
    the admin renders none for an empty list."""
    table = page(response).find("table", id="result_list")
    if table is None:
        return [], []
    # The admin puts sort controls, with their sort priority as a number, in the heading
    # cell; the heading's words are in its `.text` part.
    headings = [
        (cell.find(class_="text") or cell).text for cell in table.find("thead").find_all("th")
    ]
    rows = [
        [cell for cell in row.children if isinstance(cell, Element) and cell.tag in ("td", "th")]
        for row in table.find("tbody").find_all("tr")
    ]
    return headings, rows


def results(response):
    """The rows of the page's results table as staff read them: {column heading: text}."""
    headings, rows = _results_table(response)
    return [dict(zip(headings, (cell.text for cell in row), strict=True)) for row in rows]


def result_names(response):
    """What each row of the page's results table is called: its header cell (`<th>`), in
    the admin's lists the first column, the link to the object (mostly its name)."""
    _, rows = _results_table(response)
    return [next(cell.text for cell in row if cell.tag == "th") for row in rows]


def messages(response):
    """The messages the admin page shows above its content (`ul.messagelist`)."""
    shown = page(response).find("ul", class_="messagelist")
    return [item.text for item in shown.find_all("li")] if shown is not None else []


# Attributes that name other elements of the page by id.
ID_REFERENCES = ("for", "aria-describedby", "aria-labelledby", "aria-controls")


def missing_references(response):
    """Each (attribute, id) by which an element names another that the page does not have:
    a screen reader then announces nothing where a label, a hint or an error was meant."""
    tree = page(response)
    ids = {element.attrs["id"] for element in tree.find_all() if "id" in element.attrs}
    return [
        (name, named)
        for element in tree.find_all()
        for name in ID_REFERENCES
        for named in element.attrs.get(name, "").split()
        if named not in ids
    ]


def search_groups(response):
    """Each group a search results page shows beside the news (a group with no results is
    left off): {label: [(title, the markup shown under it, highlights and all)]}."""
    assert response.status_code == 200
    return {
        group.find("h2").text: [
            (result.find("h3", class_="search-result__title").text, result.find("p").markup)
            for result in group.find_all("li")
        ]
        for group in page(response).find_all("section", class_="search-group")
    }
