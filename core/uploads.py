import uuid
from pathlib import PurePath

from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    """`upload_to` that stores files under random names, so an upload's name is never trusted."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()[:5]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
