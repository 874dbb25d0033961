"""The admin's rich text editor, hardened against hand-crafted requests."""

from wagtail.admin.rich_text import DraftailRichTextArea


class SafeDraftailRichTextArea(DraftailRichTextArea):
    """Draftail submits JSON; anything else (raw HTML posted by a script) is discarded, not stored."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
