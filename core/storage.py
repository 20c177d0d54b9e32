"""Where uploads live, and how they are served so that none can run script."""

import mimetypes

from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

# Raster formats a browser shows and never executes. Anything else (SVG, HTML, PDF, office
# files) is sent as a download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}


def content_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def shown_inline(name):
    return content_type(name) in INLINE_TYPES


class UploadStorage(S3Storage):
    """S3-compatible object storage that labels each upload as the media view would."""

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ContentType"] = content_type(name)
        if not shown_inline(name):
            parameters["ContentDisposition"] = "attachment"
        return parameters


class PrivateUploadStorage(UploadStorage):
    """Object storage for files that only this site hands out (documents).

    Objects are private whatever the bucket's defaults, and any address made for one is
    signed and expires within minutes. The site reads them with its own credentials.
    """

    default_acl = "private"
    querystring_auth = True
    querystring_expire = 300


def documents_storage():
    return storages["documents"]
