from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html

from .models import User

admin.site.site_header = "Birmingham Health Partners"
admin.site.site_title = "BHP site administration"
admin.site.index_title = "Manage the website"

admin.site.register(User, UserAdmin)


def image_preview(image, alt):
    """A thumbnail for admin lists and forms; the image's own alt text describes it.

    Admin classes that use it include css/admin.css in their Media, which sizes it.
    """
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-thumbnail">', image.url, alt)
