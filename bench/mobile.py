"""Phones on a slow network: paint and blocking times in Chromium. Prints one JSON object.

  .venv/bin/python bench/mobile.py [--portals 6] [--runs 3]

The demo province (bench/load.py's preparation) behind the shipped nginx and gunicorn on loopback.
Headless Chromium at 360 x 800 opens a department's home, its document list, a document and a
procedure with the network throttled to "slow 4G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms round
trip) and the CPU slowed 4 times, each with an empty browser cache, --runs times (the median is
reported). The figures come from the browser's own performance entries: first contentful paint,
largest contentful paint, and total blocking time (the part over 50 ms of each long task between
the first paint and the page settling).
Goal on every page: FCP < 1800 ms, LCP < 2500 ms, TBT < 200 ms (national thresholds: 3 s and 4 s).
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import prepare  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 360, "height": 800}
GOAL = {"fcp_ms": 1800, "lcp_ms": 2500, "tbt_ms": 200}
# Long tasks and the largest paint, recorded from the first byte (the observers are installed before
# any of the page's own scripts run).
OBSERVE = """
window.__longTasks = []; window.__lcp = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => window.__longTasks.push([e.startTime, e.duration])))
  .observe({type: 'longtask', buffered: true});
new PerformanceObserver(list => list.getEntries().forEach(e => { window.__lcp = e.startTime; }))
  .observe({type: 'largest-contentful-paint', buffered: true});
"""
READ = """() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const start = fcp ? fcp.startTime : 0;
  const tbt = window.__longTasks.filter(([s]) => s >= start).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  const nav = performance.getEntriesByType('navigation')[0];
  return {fcp_ms: fcp ? fcp.startTime : null, lcp_ms: window.__lcp || null, tbt_ms: tbt,
          bytes: nav ? nav.transferSize : null};
}"""


def pages_to_measure():
    """(name, hostname, path) of a department's home, its document list, a document, a procedure
    (the first department whose portal shows both)."""
    from cms.core.models import AgencyKind, Portal
    from cms.documents.models import LegalDocument
    from cms.pages.models import LegalDocumentIndexPage, ProcedureIndexPage
    from cms.procedures.models import Procedure

    for portal in Portal.objects.filter(agency__kind=AgencyKind.DEPARTMENT).select_related("site__root_page", "agency"):
        document = LegalDocument.objects.live().for_agency(portal.agency).first()
        procedure = Procedure.objects.live().for_agency(portal.agency).first()
        if document and procedure:
            break
    else:
        raise RuntimeError("no department's portal shows both a document and a procedure")
    root, host = portal.site.root_page, portal.site.hostname
    documents = LegalDocumentIndexPage.objects.live().descendant_of(root).first()
    procedures = ProcedureIndexPage.objects.live().descendant_of(root).first()
    return [("home", host, "/"), ("document_list", host, path_of(documents)),
            ("document", host, path_of(documents, document)), ("procedure", host, path_of(procedures, procedure))]


def path_of(listing, record=None):
    """The path of a list page on its portal, or of a record's page under it."""
    path = listing.get_url_parts()[2]
    return path + listing.reverse_subpage("detail_view", args=[record.pk]) if record else path


def measure(port, targets, runs):
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, host, path in targets:
            samples = [load_once(browser, f"http://{host}:{port}{path}") for _ in range(runs)]
            results[name] = {"url": path, **{key: round(statistics.median(s[key] or 0 for s in samples))
                                             for key in ("fcp_ms", "lcp_ms", "tbt_ms", "bytes")}}
        browser.close()
    return results


def load_once(browser, url):
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2,
                                  locale="vi-VN")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_4G)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # long tasks and a late largest paint after the load event
    sample = page.evaluate(READ)
    context.close()
    return sample


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=6, help="agencies of the demo province to load")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cong-mobile-"))
    try:
        env = prepare(workdir, args.portals)
        targets = pages_to_measure()
        from cms.core.local_servers import AppServer, free_port
        from themes.front_server import FrontServer

        with AppServer(workdir / "app", env) as app:
            with FrontServer(workdir / "nginx", free_port(), [app.address], env["STATIC_ROOT"], env["MEDIA_ROOT"],
                             env["PAGE_FILE_CACHE_ROOT"]) as front:
                pages = measure(front.port, targets, args.runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    met = all(page[key] < limit for page in pages.values() for key, limit in GOAL.items())
    print(json.dumps({"benchmark": "mobile", "network": "slow 4G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT",
                      "cpu_slowdown": CPU_SLOWDOWN, "viewport": VIEWPORT, "runs": args.runs, "pages": pages,
                      "goal": GOAL, "goal_met": met}, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
