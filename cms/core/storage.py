"""Where uploaded files are kept on disk."""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage

DOCUMENTS_FOLDER = "documents"
IMPORTS_FOLDER = "imports"  # files uploaded for an import (cms.imports): drafts and private data


class MediaStorage(FileSystemStorage):
    """The media folder, with each document in a folder of its own named by a random token.

    A document's path cannot be guessed from its name (a sign-in-only collection's "bien-ban.pdf"
    is not at documents/bien-ban.pdf), should a web server ever expose the media folder; the file
    keeps its name, so downloads are still called what the editor uploaded. Files uploaded for an
    import are kept the same way.
    """

    def generate_filename(self, filename):
        folder, name = posixpath.split(filename)
        if folder in (DOCUMENTS_FOLDER, IMPORTS_FOLDER):
            filename = posixpath.join(folder, secrets.token_urlsafe(16), name)
        return super().generate_filename(filename)
