"""manage.py import_news HOSTNAME FILE|DIR [--selectors FILE.json] [--media DIR] [--author NAME] [--dry-run]"""

import json
from pathlib import Path

from django.core.management.base import CommandError

from cms.core.models import Portal
from cms.imports.command import ImportCommand
from cms.imports.news import import_news, read_mirror, read_posts


class Command(ImportCommand):
    help = ("Nhập tin bài của cổng cũ từ RSS, Atom, tệp xuất của WordPress (WXR) hoặc bản sao trang web trên đĩa (thư mục có "
            "sitemap.xml, với --selectors) vào chuyên mục tin tức của một cổng; địa chỉ cũ được chuyển hướng sang bài mới. "
            "Chạy lại không ghi gì với bài đã nhập.")

    def add_arguments(self, parser):
        parser.add_argument("hostname", help="tên miền của cổng nhận tin")
        parser.add_argument("file", help="tệp RSS, Atom, WXR, hoặc thư mục bản sao của cổng cũ")
        parser.add_argument("--selectors", help="tệp JSON các bộ chọn CSS của bản sao: title, date, body, author, intro")
        parser.add_argument("--media", help="thư mục chứa bản sao ảnh của cổng cũ (đường dẫn như trong địa chỉ ảnh)")
        parser.add_argument("--author", default="", help="tác giả ghi cho các bài cổng cũ không ghi tác giả")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ nhập gì, không ghi")

    def handle(self, hostname, file, selectors, media, author, dry_run, **options):
        portal = Portal.objects.filter(site__hostname=hostname).select_related("site", "collection").first()
        if portal is None:
            raise CommandError(f"Không có cổng nào ở {hostname}.")
        if Path(file).is_dir():
            if not selectors:
                raise CommandError("Bản sao trang web cần --selectors (tệp JSON các bộ chọn CSS).")
            posts, not_mapped = read_mirror(file, json.loads(Path(selectors).read_text(encoding="utf-8")))
        else:
            posts, not_mapped = read_posts(file)
        try:
            report = import_news(portal, posts, media_dir=media, author=author, dry_run=dry_run, source=file,
                                 progress=self.progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        report.notes[:0] = not_mapped
        self.summary(report, dry_run)
