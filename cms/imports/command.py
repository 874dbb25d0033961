"""What the import commands share: the owner, draft and dry-run options, a line per row as it goes,
the references not found and the totals."""

from django.core.management.base import BaseCommand, CommandError

from cms.core.models import Agency

SIGNS = {"new": "+", "published": "+", "changed": "~", "unchanged": "=", "error": "!"}
LABELS = {"new": "mới (nháp)", "published": "mới và đã xuất bản", "changed": "thay đổi", "unchanged": "không đổi",
          "error": "lỗi"}


class ImportCommand(BaseCommand):
    owner_help = "mã cơ quan quản lý"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", help=self.owner_help)
        parser.add_argument("--draft", action="store_true", help="giữ bản ghi mới ở dạng nháp, không xuất bản")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ thay đổi gì, không ghi")

    def owner(self, code):
        owner = Agency.objects.filter(code__iexact=code).first() if code else None
        if code and owner is None:
            raise CommandError(f"Không có cơ quan mã {code}.")
        return owner

    def progress(self, number, total, outcome):
        line = f"[{number}/{total}] {SIGNS[outcome.action]} {outcome.key or '?'} {outcome.action}"
        self.stdout.write(line + (f": {outcome.detail}" if outcome.detail else ""))
        for label, before, after in outcome.changes:
            self.stdout.write(f"      {label}: “{before}” → “{after}”")

    def summary(self, report, dry_run):
        for key, note in report.notes:
            self.stdout.write(f"  ? {key}: {note}")
        self.stdout.write(("(chạy thử, không ghi gì) " if dry_run else "") + ", ".join(
            f"{report.count(action)} {label}" for action, label in LABELS.items()) + f", {len(report.notes)} ghi chú")
