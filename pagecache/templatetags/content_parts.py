from django import template
from django.apps import apps

from pagecache.parts import cached_for_content
from pagecache.totals import cached_for_rows

register = template.Library()


@register.tag
def content_part(parser, token):
    """`{% content_part "name" [value ...] [rows="app.Model ..."] %}…{% endcontent_part %}`:
    markup kept until content changes, one copy per distinct `value`s (compared as text);
    with `rows`, until a row of one of those models changes (pagecache.totals.cached_for_rows),
    for markup that shows nothing else.

    For markup every visitor sees alike, such as the site's navigation or a list of links
    to every member: it is rendered once per content version instead of once per page
    (reversing each link's URL alone costs more than reading the kept part). Never wrap
    anything that differs between visitors or requests, unless the values name all of it
    (a search's results, named by the query, filters and page): not a form's token, a
    signed-in user, or links that carry the visitor's query string.

    Django's own `{% cache %}` keeps a fragment for a fixed time, so it would show old
    content after a change; this one is kept under the content version (pagecache).
    """
    bits = token.split_contents()
    rows = None
    if bits[-1].startswith("rows="):
        rows = [apps.get_model(label) for label in bits.pop()[len("rows=") :].strip("\"'").split()]
    if len(bits) < 2:
        raise template.TemplateSyntaxError('content_part needs a name: {% content_part "nav" %}')
    nodelist = parser.parse(("endcontent_part",))
    parser.delete_first_token()
    name, *vary_on = (parser.compile_filter(bit) for bit in bits[1:])
    return ContentPartNode(nodelist, name, vary_on, rows)


class ContentPartNode(template.Node):
    def __init__(self, nodelist, name, vary_on, rows):
        self.nodelist, self.name, self.vary_on, self.rows = nodelist, name, vary_on, rows

    def render(self, context):
        values = [str(value.resolve(context)) for value in self.vary_on]
        # Named within its template, so two templates cannot share a part by accident.
        origin = str(self.origin.template_name)  # None for a template made from a string
        key = ":".join(["part", origin, self.name.resolve(context), *values])
        if self.rows is None:
            return cached_for_content(key, lambda: self.nodelist.render(context))
        return cached_for_rows(self.rows, key, lambda: self.nodelist.render(context))
