from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from core.permissions import has_staff_perm

from .models import Document


# Should a browser ever display the file instead of saving it, it still may not run anything.
@csp_override({"default-src": [CSP.NONE], "sandbox": True})
def download(request, pk):
    """Send a document under a name made from its title, always as a download.

    Stored names are random, so the name visitors save comes from here. Sending every file
    as an attachment, with its type fixed from the checked content, means no uploaded file
    is ever shown as a page of this site.
    """
    documents = Document.objects.all()
    if not has_staff_perm(request.user, "documents.view_document"):
        documents = documents.public(request)
    document = get_object_or_404(documents, pk=pk)
    try:
        file = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file for this document is missing.") from error
    return FileResponse(
        file,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.format.content_type,
    )
