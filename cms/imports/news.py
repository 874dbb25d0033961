"""News from the portals being replaced: RSS or Atom feeds and WordPress exports (WXR), read by
feedparser, which also strips scripts and event handlers from their HTML; or a crawled copy of the
old site on disk (its sitemap.xml and HTML files), read with CSS selectors for that site's layout.

Each published post becomes a news article in the portal's news section: its body kept to what the
editor allows (Wagtail's rich-text whitelist), its first image taken from the media folder into the
portal's collection as the article's image, its old address recorded as a permanent Wagtail
redirect so old links keep working. An article is published when the publishing rules allow (an
author, for one) and kept as a draft with what they still need otherwise. Items already imported
(their old address already redirects) are left alone, so a second run writes nothing; drafts,
pages, attachments and items without an address are listed as not mapped."""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.log_actions import log

from cms.core.file_content import IMAGE_FORMATS, content_matches_extension
from cms.core.text import fold
from cms.documents.models import RICH_TEXT_FEATURES
from cms.imports.report import Outcome, Report, run_scope
from cms.pages.models import NewsArticlePage, NewsIndexPage, NewsOrigin
from cms.publishing.guard import violations_for

SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
UNSAFE = "script, style, iframe, object, embed, form, noscript"
DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 15/08/2025, the way Vietnamese pages date news
IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
INTRO_LENGTH = 600


@dataclass
class Post:
    old_url: str
    title: str
    date: datetime.date
    intro: str
    body: str  # sanitised HTML
    author: str
    slug: str


def read_posts(path):
    """(posts, not mapped) of an RSS/Atom feed or a WordPress export."""
    feed = feedparser.parse(str(path))
    posts, not_mapped = [], []
    for entry in feed.entries:
        label = entry.get("link") or entry.get("title", "")
        if entry.get("wp_post_type", "post") != "post":
            not_mapped.append((label, _("không phải tin bài (%(type)s)") % {"type": entry["wp_post_type"]}))
        elif entry.get("wp_status", "publish") != "publish":
            not_mapped.append((label, _("chưa đăng trên cổng cũ (%(status)s)") % {"status": entry["wp_status"]}))
        elif not entry.get("link") or not entry.get("title"):
            not_mapped.append((label, _("thiếu tiêu đề hoặc địa chỉ cũ")))
        else:
            posts.append(_post(entry))
    return posts, not_mapped


def read_mirror(directory, selectors):
    """(posts, not mapped) of a crawled copy of the old site: the pages its sitemap.xml lists, read
    with the site's CSS selectors ({"title", "date", "body", optional "author", "intro"})."""
    directory = Path(directory)
    sitemap = ElementTree.parse(directory / "sitemap.xml")
    posts, not_mapped = [], []
    for location in sitemap.iter(SITEMAP_LOC):
        url = (location.text or "").strip()
        page = _mirrored_file(directory, urlsplit(url).path)
        if page is None:
            not_mapped.append((url, _("không có tệp trong bản sao")))
            continue
        post = _mirrored_post(url, BeautifulSoup(page.read_bytes(), "html.parser"), selectors)
        if post is None:
            not_mapped.append((url, _("không phải trang tin bài (không khớp bộ chọn)")))
        else:
            posts.append(post)
    return posts, not_mapped


def _mirrored_file(directory, path):
    candidates = [directory / path.strip("/"), directory / path.strip("/") / "index.html"]
    return next((candidate for candidate in candidates if candidate.is_file()), None)


def _mirrored_post(url, soup, selectors):
    found = {name: soup.select_one(selector) for name, selector in selectors.items()}
    if not all(found.get(name) for name in ("title", "date", "body")):
        return None
    day = DAY.search(found["date"].get_text())
    if day is None:
        return None
    for unsafe in found["body"].select(UNSAFE):  # what is left goes through the editor's whitelist
        unsafe.decompose()
    body = found["body"].decode_contents()
    title = _text(found, "title")
    return Post(old_url=url, title=title, date=datetime.date(int(day[3]), int(day[2]), int(day[1])),
                intro=(_text(found, "intro") or " ".join(strip_tags(body).split()))[:INTRO_LENGTH], body=body,
                author=_text(found, "author"), slug=slugify(fold(title))[:80])


def _text(found, name):
    """The text of the element a selector found, in single spaces; "" without one."""
    return " ".join(found[name].get_text().split()) if found.get(name) else ""


def _post(entry):
    body = entry.content[0].value if entry.get("content") else entry.get("summary", "")
    excerpt = strip_tags(entry.get("excerpt_encoded", "")).strip()
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    moment = datetime.datetime(*parsed[:6], tzinfo=datetime.UTC) if parsed else timezone.now()
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author", "")
    return Post(
        old_url=entry.link, title=entry.title.strip(), date=timezone.localtime(moment).date(),
        intro=(excerpt or " ".join(strip_tags(body).split()))[:INTRO_LENGTH], body=body, author=author.strip(),
        slug=entry.get("wp_post_name") or slugify(fold(entry.title))[:80],
    )


def import_news(portal, posts, *, media_dir=None, author="", dry_run=False, source="", user=None, progress=None):
    """Import posts (read_posts) into the portal's news section; a Report. `author` signs the
    posts the old portal did not sign (the law wants an author on every article). A dry run stores
    no image either: no file is left behind."""
    index = NewsIndexPage.objects.live().descendant_of(portal.site.root_page).order_by("path").first()
    if index is None:
        raise ValueError(_("Cổng %(host)s không có chuyên mục tin tức.") % {"host": portal.site.hostname})
    report = Report()
    with run_scope(dry_run):
        for number, post in enumerate(posts, start=1):
            outcome = Outcome(row=number, key=post.old_url)
            with transaction.atomic():
                _import_post(portal, index, post, outcome, media_dir, author, report, source, user, not dry_run)
            report.outcomes.append(outcome)
            if progress:
                progress(number, len(posts), outcome)
    return report


def _import_post(portal, index, post, outcome, media_dir, default_author, report, source, user, store_images):
    old_path = Redirect.normalise_path(post.old_url)
    if Redirect.objects.filter(site=portal.site, old_path=old_path).exists():
        outcome.action = "unchanged"
        return
    if not (post.author or default_author):
        outcome.action, outcome.detail = "error", _("bài không ghi tác giả: cho biết người ký thay bằng --author")
        return
    tags = IMAGE.findall(post.body)
    image = _image(tags[0], portal, media_dir, report, post, store_images) if tags else None
    report.notes += [(post.old_url, _("ảnh giữa bài không giữ lại (tin bài chỉ có một ảnh đại diện): %(src)s")
                           % {"src": dict(ATTRIBUTE.findall(tag)).get("src", "")}) for tag in tags[1:]]
    article = NewsArticlePage(
        title=post.title, slug=_free_slug(index, post.slug), date=post.date, intro=post.intro,
        author=post.author or default_author,
        origin=NewsOrigin.ORIGINAL, body=EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(
            IMAGE.sub("", post.body)), image=image, live=False,
    )
    try:
        index.add_child(instance=article)
        revision = article.save_revision(user=user)
    except ValidationError as error:
        transaction.set_rollback(True)
        outcome.action, outcome.detail = "error", " ".join(error.messages)
        return
    missing = violations_for(article)
    if not missing:
        revision.publish(user=user)
    Redirect.objects.create(site=portal.site, old_path=old_path, redirect_page=article, is_permanent=True)
    log(instance=article, action="cong.import.news", revision=revision, user=user,
        data={"source": source, "old_url": post.old_url})
    outcome.action, outcome.detail = "new" if missing else "published", " ".join(map(str, missing))


def _image(tag, portal, media_dir, report, post, store=True):
    """The image of an <img> tag, from the media folder into the portal's collection; None if absent
    (or when not storing, as in a dry run)."""
    attributes = dict(ATTRIBUTE.findall(tag))
    relative = urlsplit(attributes.get("src", "")).path.lstrip("/")
    path = (Path(media_dir) / relative).resolve() if media_dir and relative else None
    if path is None or not path.is_relative_to(Path(media_dir).resolve()) or not _is_image(path):
        report.notes.append((post.old_url, _("không có tệp ảnh %(src)s") % {"src": attributes.get("src", "")}))
        return None
    if not store:
        return None
    with path.open("rb") as handle:
        return get_image_model().objects.create(
            title=attributes.get("alt") or path.stem, description=attributes.get("alt", ""),
            file=ImageFile(handle, name=path.name), collection=portal.collection)


def _is_image(path):
    """A file of the media folder that is the image its name says (cms.core.file_content)."""
    if not path.is_file() or path.suffix.lower().lstrip(".") not in IMAGE_FORMATS:
        return False
    with path.open("rb") as handle:
        return content_matches_extension(handle, path.suffix.lower().lstrip("."))


def _free_slug(index, slug):
    """The slug, or the slug with a number, that no sibling uses yet."""
    taken = set(index.get_children().values_list("slug", flat=True))
    candidate, number = slug or "tin", 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
