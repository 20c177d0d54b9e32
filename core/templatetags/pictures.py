from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, alt="", sizes="100vw", *, lazy=True, css_class=""):
    """A responsive <picture>: WebP with the upload's own format as fallback, in every width
    made for it, with the width and height that keep the page from shifting as it loads."""
    renditions = image.field.renditions
    original = (
        getattr(image.instance, image.field.width_field),
        getattr(image.instance, image.field.height_field),
    )
    widths = renditions.available(image)
    largest = widths[-1]
    width, height = renditions.rendered_size(largest, original)
    return {
        "webp_srcset": ", ".join(f"{getattr(image, f'w{w}_webp')} {w}w" for w in widths),
        "srcset": ", ".join(f"{getattr(image, f'w{w}')} {w}w" for w in widths),
        "src": getattr(image, f"w{largest}"),
        "width": width,
        "height": height,
        "alt": alt,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }
