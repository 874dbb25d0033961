"""The two manuals delivered with the platform, kept as Markdown in `manuals/`: the user guide for
editors and approvers and the administrator guide for the province's IT staff. Each is rendered to
an admin help page and to PDF (WeasyPrint); their screenshots are taken by the end-to-end tests
(tests/e2e/test_manual_screenshots.py) into `static/help/screenshots/`."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from markdown.treeprocessors import Treeprocessor

from cms.core.permissions import is_province_admin

MANUALS_DIR = Path(__file__).parent / "manuals"
SCREENSHOTS_DIR = Path(__file__).parent / "static" / "help" / "screenshots"
CHAPTER = re.compile(r"^## (.+)$", re.MULTILINE)
SCREENSHOT = re.compile(r"!\[[^\]]*\]\(screenshots/([^)\s]+)\)")
LEADING_TITLE = re.compile(r"\A# [^\n]*\n")
EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "sane_lists", "fenced_code"]


@dataclass(frozen=True)
class Manual:
    slug: str
    title: str
    for_province_admins_only: bool

    @property
    def source(self):
        return MANUALS_DIR / f"{self.slug}.md"

    def readable_by(self, user):
        return not self.for_province_admins_only or is_province_admin(user)

    def screenshots(self):
        """The screenshot files the manual shows, in order."""
        return SCREENSHOT.findall(self.source.read_text(encoding="utf-8"))

    def chapters(self):
        """The chapters' titles, as text (without Markdown's inline marks)."""
        return [re.sub(r"[`*_]", "", title).strip() for title in CHAPTER.findall(self.source.read_text(encoding="utf-8"))]


MANUALS = {
    manual.slug: manual for manual in [
        Manual("huong-dan-su-dung", _("Tài liệu hướng dẫn sử dụng"), for_province_admins_only=False),
        Manual("tai-lieu-quan-tri", _("Tài liệu quản trị hệ thống"), for_province_admins_only=True),
    ]
}


class ScreenshotAddresses(Treeprocessor):
    """Points `screenshots/NAME` images at wherever the screenshots are served from."""

    def __init__(self, md, address):
        super().__init__(md)
        self.address = address

    def run(self, root):
        for image in root.iter("img"):
            name = image.get("src", "").removeprefix("screenshots/")
            image.set("src", self.address(name))
            image.set("loading", "lazy")


def to_html(manual, address):
    """The manual's body and table of contents as HTML; `address(name)` gives a screenshot's URL."""
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"toc_depth": "2-3"}})
    converter.treeprocessors.register(ScreenshotAddresses(converter, address), "screenshot_addresses", 0)
    text = LEADING_TITLE.sub("", manual.source.read_text(encoding="utf-8"))  # the page shows manual.title
    body = converter.convert(text)
    return body, converter.toc


@functools.lru_cache(maxsize=len(MANUALS))
def admin_html(manual, modified):
    """The help page's HTML, rebuilt when the Markdown file changes (`modified`: its mtime)."""
    return to_html(manual, lambda name: static(f"help/screenshots/{name}"))


def pdf_bytes(manual, screenshots_dir=SCREENSHOTS_DIR):
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages never need

    body, toc = to_html(manual, lambda name: (Path(screenshots_dir) / name).resolve().as_uri())
    document = render_to_string("help/manual_print.html", {"manual": manual, "body": body, "toc": toc})
    return HTML(string=document).write_pdf()


@functools.lru_cache(maxsize=len(MANUALS))
def cached_pdf(manual, modified):
    return pdf_bytes(manual)
