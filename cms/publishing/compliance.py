"""The compliance report of a portal: every rule of the chosen set checked against the live portal.

Publish rules are measured over the portal's live pages and records (how many still break them);
structural, compliance and operational rules run their portal-level check. The score is the
weighted mean of the measured rules, from 0 to 100. Snapshots are stored for trends and ranking.
"""

from django.utils import timezone
from modelcluster.models import get_all_child_relations

from cms.core.models import Portal, PortalStatus
from cms.core.registry import record_types
from cms.publishing.compliance_checks import page_edit_url, ratio
from cms.publishing.content import ContentJudge
from cms.publishing.models import ComplianceSnapshot, active_ruleset
from cms.publishing.sections import PortalPages

PAGES_LOADED_TOGETHER = 50


def _live_objects(portal, pages):
    yield from pages.live
    for record_type in record_types():
        if record_type.publishable:
            owned = record_type.model.objects.live().filter(**{record_type.owner_field: portal.agency})
            yield from owned.prefetch_related(*_related_lists(record_type.model))


def _related_lists(model):
    """Inline lists and many-to-many fields of a record, which the publish checks read."""
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)] + [
        field.name for field in model._meta.many_to_many
    ]


def _edit_url(obj):
    return page_edit_url(obj) if hasattr(obj, "specific_class") else obj.get_admin_url()


def _measure_publish_rule(rule, objects):
    concerned, details = 0, []
    for obj in objects:
        missing = rule.function(obj, rule)
        if missing is None:
            continue
        concerned += 1
        if missing:
            details.append((f"{obj}: {'; '.join(missing)}", _edit_url(obj)))
    return ratio(concerned - len(details), concerned, details)


def run_report(portal, ruleset=None, now=None, pages=None):
    ruleset = ruleset or active_ruleset()
    now = now or timezone.now()
    pages = pages or PortalPages(portal)
    context = {"ruleset": ruleset, "now": now, "today": timezone.localdate(now), "pages": pages,
               "sections": pages.sections, "judge": ContentJudge(portal, pages)}
    objects = list(_live_objects(portal, pages))
    results = []
    for rule in ruleset.rules:
        if rule.kind == "publish":
            result = _measure_publish_rule(rule, objects)
        else:
            result = rule.function(portal, rule, context)
        results.append({
            "rule": rule.id, "article": rule.article_label, "kind": rule.kind, "message": rule.message,
            "weight": rule.weight, "scored": rule.counts_in_score, "measured": result.measured, "score": round(result.score, 4),
            "note": str(result.note), "details": [[str(text), url] for text, url in result.details],
        })
    return results


def score_of(results):
    """Weighted mean of the measured rules that count in the score; operational rules are shown
    beside the score, not in it, unless their rule set says so."""
    measured = [result for result in results if result["measured"] and result.get("scored", result["kind"] != "operational")]
    total = sum(result["weight"] for result in measured)
    return round(100 * sum(result["weight"] * result["score"] for result in measured) / total, 1) if total else 100.0


def take_snapshot(portal, ruleset=None, pages=None):
    ruleset = ruleset or active_ruleset()
    results = run_report(portal, ruleset, pages=pages)
    return ComplianceSnapshot.objects.create(portal=portal, ruleset=ruleset.code, score=score_of(results), results=results)


def snapshot_all(ruleset=None, batch=PAGES_LOADED_TOGETHER, progress=None):
    """A snapshot of every active portal; their pages are read `batch` portals at a time, after
    each of which progress(done, total) is called."""
    ruleset = ruleset or active_ruleset()
    portals = list(Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None)
                   .select_related("agency", "site__root_page"))
    snapshots = []
    for start in range(0, len(portals), batch):
        group = portals[start:start + batch]
        pages = PortalPages.of_portals(group)
        snapshots += [take_snapshot(portal, ruleset, pages[portal.pk]) for portal in group]
        if progress:
            progress(len(snapshots), len(portals))
    return snapshots


def ranking(ruleset_code=None):
    """The latest snapshot of every active portal, best score first."""
    code = ruleset_code or active_ruleset().code
    rows = []
    for portal in Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None).select_related("agency", "site"):
        latest = portal.compliance_snapshots.filter(ruleset=code).first()
        if latest is not None:
            rows.append(latest)
    return sorted(rows, key=lambda snapshot: (-snapshot.score, snapshot.portal.agency.name))
