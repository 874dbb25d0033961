from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from themes.front_server import APP_SERVER_CONCURRENCY, render


class Command(BaseCommand):
    help = "Prints the nginx server block for this deployment (themes/nginx/cong.conf filled in from the settings)."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx listen value, e.g. 80 or 127.0.0.1:8080")
        parser.add_argument("--upstream", action="append", dest="upstreams",
                            help="where an app server (gunicorn) listens; once for each (default 127.0.0.1:8000)")

        parser.add_argument("--concurrency", type=int, default=APP_SERVER_CONCURRENCY,
                            help="requests each app server takes at once; nginx answers 503 beyond (default %(default)s)")

        parser.add_argument("--api-cache", default="/var/cache/nginx/cong-api",
                            help="folder where nginx keeps API answers (default %(default)s)")

    def handle(self, *args, listen, upstreams, concurrency, api_cache, **options):
        if not settings.PAGE_FILE_CACHE_ROOT:
            raise CommandError("Cần đặt PAGE_FILE_CACHE_ROOT (cùng giá trị với gunicorn) trước.")
        self.stdout.write(render(listen, upstreams or ["127.0.0.1:8000"], settings.STATIC_ROOT, settings.MEDIA_ROOT,
                                 settings.PAGE_FILE_CACHE_ROOT, api_cache, concurrency))
