"""Offline mirror: a portal baked into static files that nginx serves while the application is down
(themes/nginx/cong.conf, location @offline).

The portal is rendered through Django's own request handling, as an anonymous first-time visitor,
from its home, the URLs of its sitemap.xml and every link found on the way: pages, list pages with
their pagination, feeds, document files, images and static files. Links are then rewritten so the
copy stands alone:
- a list's next pages (`?page=2`) become folders (`__trang-2/`);
- a link the copy cannot answer (a search, a filter, a form, the language switch, a reading aid)
  leads to one page saying the function needs the application and is back soon;
- links to other portals and other sites are left as they are.
The copy is built beside the target folder and swapped in at the end: a run that stops halfway
leaves the previous copy serving, and running it again starts afresh.
"""

import posixpath
import re
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client

from cms.core.models import Portal

OFFLINE_PATH = "/ngoai-tuyen/"
PAGE_FOLDER = "__trang-{}/"
PAGINATION = re.compile(r"^page=(\d+)$")
LINKS = {"a": "href", "link": "href", "img": "src", "script": "src", "form": "action"}
SRCSETS = ("img", "source")
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
NEVER_BAKED = ("/admin/", "/api/", "/ngon-ngu/", "/tro-giup-doc/", "/xem-truoc/", "/luot-xem.gif")


@dataclass
class Report:
    pages: int = 0
    files: int = 0
    offline_links: set = field(default_factory=set)

    def __str__(self):
        return (f"{self.pages} trang, {self.files} tệp; {len(self.offline_links)} liên kết cần máy chủ ứng dụng "
                f"dẫn đến {OFFLINE_PATH}")


class Mirror:
    """One portal's static copy in `target` (a folder nginx serves for its hostname)."""

    def __init__(self, portal: Portal, target, progress=None):
        self.portal, self.host = portal, portal.site.hostname
        self.target = Path(target)
        self.building = self.target.with_name(self.target.name + ".partial")
        self.progress = progress or (lambda message: None)
        self.client = Client()
        self.baked = {}  # URL (path and query) -> address in the copy
        self.html_files = []
        self.report = Report()

    def run(self):
        shutil.rmtree(self.building, ignore_errors=True)
        self.building.mkdir(parents=True)
        self._crawl()
        self._write_offline_page()
        for url, address in self.html_files:
            self._rewrite(url, address)
        self._swap_in()
        return self.report

    # -- crawling --------------------------------------------------------------------------------

    def _crawl(self):
        waiting, seen = deque(["/", "/sitemap.xml"]), {"/", "/sitemap.xml"}
        while waiting:
            url = waiting.popleft()
            for link in self._bake(url):
                if link not in seen:
                    seen.add(link)
                    waiting.append(link)

    def _bake(self, url):
        """Write the answer to `url` into the copy; the internal links it holds."""
        address = copy_address(url)
        if address is None or url.startswith(NEVER_BAKED):
            return []
        if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            content, content_type = self._asset(url), "application/octet-stream"
        else:
            content, content_type = self._render(url)
        if content is None:
            return []
        is_page = content_type.startswith("text/html")
        self._write(address, content, is_page)
        self.baked[url] = address
        if content_type.startswith("application/xml"):
            return self._sitemap_links(content)
        if not is_page:
            self.report.files += 1
            return []
        self.report.pages += 1
        self.html_files.append((url, address))
        if self.report.pages % 50 == 0:
            self.progress(f"[{self.report.pages}] {url}")
        return list(filter(None, page_links(BeautifulSoup(content, "html.parser"), self.host, url)))

    def _render(self, url):
        """(content, content type) of the application's answer, or (None, "") unless it is a 200."""
        response = self._get(url)
        if response.status_code != 200:
            return None, ""
        if response.has_header("X-Accel-Redirect"):  # a document nginx would send (NGINX_SENDFILE)
            sent = response["X-Accel-Redirect"][len(settings.SENDFILE_URL):]
            return self._asset(settings.MEDIA_URL + sent.lstrip("/")), response["Content-Type"]
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return content, response["Content-Type"]

    def _get(self, url):
        self.client.cookies.clear()  # a first-time visitor: no session a form left behind
        path, _, query = url.partition("?")
        return self.client.get(path, query_string=query, HTTP_HOST=self.host)

    def _asset(self, url):
        """A static or media file, read from where the application keeps it."""
        path = unquote(urlsplit(url).path)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path[len(settings.STATIC_URL):])
            return Path(found).read_bytes() if found else None
        name = path[len(settings.MEDIA_URL):]
        if not default_storage.exists(name):
            return None
        with default_storage.open(name) as handle:
            return handle.read()

    def _sitemap_links(self, content):
        try:
            locations = [element.text or "" for element in ElementTree.fromstring(content).iter(SITEMAP_NAMESPACE)]
        except ElementTree.ParseError:
            return []
        return list(filter(None, (internal_url(location, self.host) for location in locations)))

    # -- writing -------------------------------------------------------------------------------

    def _write(self, address, content, is_page=True):
        path = self.building / file_path(address, is_page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    def _write_offline_page(self):
        html = render_to_string("sites/offline.html", {"portal": self.portal})
        self._write(OFFLINE_PATH, html.encode())

    def _rewrite(self, url, address):
        """Point the page's links at the copy, or at the offline page; drop its visit beacon."""
        path = self.building / file_path(address)
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        for beacon in soup.select("img.visit-beacon"):
            beacon.decompose()
        for tag, attribute in link_attributes(soup):
            tag[attribute] = self._copy_link(tag[attribute], url)
        for tag in soup.find_all(SRCSETS, srcset=True):
            candidates = (candidate.split() for candidate in tag["srcset"].split(",") if candidate.strip())
            tag["srcset"] = ", ".join(" ".join([self._copy_link(link, url), *size]) for link, *size in candidates)
        path.write_text(str(soup), encoding="utf-8")

    def _copy_link(self, link, page_url):
        target = internal_url(link, self.host, page_url)
        if target is None:
            return link
        fragment = urlsplit(link).fragment
        address = self.baked.get(target)
        if address is None:
            self.report.offline_links.add(target)
            address = OFFLINE_PATH
        return address + (f"#{fragment}" if fragment else "")

    def _swap_in(self):
        previous = self.target.with_name(self.target.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if self.target.exists():
            self.target.rename(previous)
        self.building.rename(self.target)
        shutil.rmtree(previous, ignore_errors=True)


def link_attributes(soup):
    """(tag, attribute) of every link-bearing attribute the copy may have to rewrite."""
    return [(tag, attribute) for name, attribute in LINKS.items() for tag in soup.find_all(name, attrs={attribute: True})]


def page_links(soup, host, page_url):
    """The internal URLs a page links to (None for the others)."""
    links = [internal_url(tag[attribute], host, page_url) for tag, attribute in link_attributes(soup)]
    for tag in soup.find_all(SRCSETS, srcset=True):
        links += [internal_url(part.split()[0], host, page_url) for part in tag["srcset"].split(",") if part.strip()]
    return links


def internal_url(link, host, page_url="/"):
    """The path and query a link of the page at `page_url` leads to on this portal, or None for
    another site, another scheme (mailto:, tel:) or an anchor on the same page."""
    link = link.strip()
    if not link or link.startswith("#"):
        return None
    parts = urlsplit(urljoin(f"http://{host}{page_url}", link))
    if parts.scheme not in ("http", "https") or parts.hostname != host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def copy_address(url):
    """Where `url` lives in the copy: itself, a list's next page as a folder, or None (a query the
    copy cannot answer)."""
    path, _, query = url.partition("?")
    if not query:
        return path
    page = PAGINATION.match(query)
    if page is None or not path.endswith("/"):
        return None
    return path + PAGE_FOLDER.format(page.group(1))


def file_path(address, is_page=True):
    """The file of an address, inside the copy: a folder's page is its index.html, any other answer
    at a folder's address (a feed) its index.xml."""
    path = posixpath.normpath("/" + unquote(address)).lstrip("/")
    if not address.endswith("/"):
        return path
    index = "index.html" if is_page else "index.xml"
    return f"{path}/{index}" if path else index
