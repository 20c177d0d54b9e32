"""Drive a page's forms the way a browser does: post what the page rendered, nothing more.

Tests that build POST data by hand (or from ``response.context``) pass even when the page
never renders a field, which is how edit-conflict checks went missing unnoticed. These
helpers read the HTML the page sent, collect the values a browser would submit, and refuse
to fill in a field the page does not have.
"""

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
