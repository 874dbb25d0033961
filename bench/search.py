"""Search benchmark (issue 5): bulk indexing, query-service overhead, database fallback. Prints one JSON object.

  .venv/bin/python bench/search.py [--entries 1000000] [--fallback-entries 100000] [--chunk-size 2000]

Generates N synthetic index entries (documents, procedures, news pages) from the Vietnamese vocabulary in
scripts/demo_data/ with a fixed seed: document numbers such as "123/2024/QĐ-UBND", 600 agencies each with
its own portal id. Starts its own Elasticsearch (scripts/elasticsearch.sh on a free port from 9221, heap
ES_HEAP, default 2g) and stops it at the end. Runs on a fresh temporary SQLite database unless DATABASE_URL
is set; a temporary database is deleted at the end.

Measures, in one run:
- bulk indexing docs/s through the project's indexer path (search.indexer.load: streaming bulk of the
  {"_id", "_source"} actions that search.indexer.all_actions builds) vs a raw elasticsearch.helpers.bulk of
  the same documents into a second index with the same mapping (search.documents.new_index). Both indices
  have refresh_interval -1 during the load; the entries are generated slice by slice (outside the timed
  part) and each block of a slice goes into both indices, alternating which one goes first. The ratio is
  reported from the total times and as the median of the per-block ratios (robust to load bursts from
  other processes on a shared machine);
- p50/p95 latency of mixed queries (diacritics, no diacritics, document numbers, filters, portal scope,
  browsing) through the query service search.query.search(SearchParams(...)) vs the same bodies
  (search.query.request_body) sent raw with the same client; each query runs both ways, alternating order,
  after one warm-up pass (overhead goal: ratio <= 1.3);
- p50/p95 of the database fallback (search.fallback.search) over LegalDocument and Procedure rows created
  with bulk_create (Elasticsearch is stopped by then).

Progress goes to stderr, only the JSON to stdout.
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_ALIAS = "bench-search"
PORTALS = 600
SEED = 20250605
TODAY = datetime.date(2026, 11, 1)

# Kinds of entries in the index (documents dominate on real portals).
KIND_WEIGHTS = {"document": 0.75, "procedure": 0.10, "page": 0.15}
EFFECT_WEIGHTS = {"con-hieu-luc": 0.68, "het-hieu-luc": 0.16, "het-hieu-luc-mot-phan": 0.09, "chua-co-hieu-luc": 0.07}
NATIONAL_ISSUERS = {
    "L": "Quốc hội", "NĐ": "Chính phủ", "QĐ-TTg": "Thủ tướng Chính phủ",
}
MINISTRIES = {
    "BTC": "Bộ Tài chính", "BNV": "Bộ Nội vụ", "BXD": "Bộ Xây dựng", "BTP": "Bộ Tư pháp", "BYT": "Bộ Y tế",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BGDĐT": "Bộ Giáo dục và Đào tạo", "BNNMT": "Bộ Nông nghiệp và Môi trường",
}
UNIT_ABBREVIATIONS = ["VP", "KT", "TH", "NC", "VX", "XD", "TC", "KGVX", "NV"]
PLACE_SYLLABLES = [
    "An", "Bình", "Cẩm", "Đông", "Hòa", "Hưng", "Kim", "Lạc", "Long", "Minh", "Nam", "Ngọc", "Phú", "Phúc",
    "Quang", "Sơn", "Tân", "Thanh", "Thái", "Thịnh", "Thuận", "Thượng", "Trung", "Vĩnh", "Xuân", "Yên", "Đại",
    "Hải", "Lâm", "Hà", "Mỹ", "Lương", "Bắc", "Tây", "Đức", "Châu",
]
STEPS = [
    "Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.",
    "Nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công quốc gia.",
    "Cán bộ tiếp nhận kiểm tra, hướng dẫn bổ sung nếu hồ sơ chưa đầy đủ.",
]


def log(message):
    print(f"[bench/search {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- setup -------------------------------------------------------------------------------------


def setup_django():
    """Temporary SQLite database unless DATABASE_URL is set; returns the temporary directory (or None)."""
    tmpdir = None
    if not os.environ.get("DATABASE_URL"):
        tmpdir = tempfile.mkdtemp(prefix="cong-bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmpdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return tmpdir


def free_port(start=9221, stop=9400):
    """A port whose HTTP and transport ports (port + 100) are free and has no run directory of someone else."""
    base = Path(os.environ.get("ES_BASE_DIR", "/var/tmp/cong-search"))
    for port in range(start, stop):
        if (base / f"run-{port}").exists():
            continue
        if all(_port_free(p) for p in (port, port + 100)):
            return port
    raise SystemExit("no free port for Elasticsearch")


def _port_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Elasticsearch binds: TIME_WAIT is no obstacle
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Server:
    """Elasticsearch started and stopped with scripts/elasticsearch.sh on its own port."""

    def __init__(self, port, heap):
        self.port, self.heap, self.started = port, heap, False
        self.env = {**os.environ, "ES_PORT": str(port), "ES_HEAP": heap}

    def start(self):
        log(f"starting Elasticsearch on port {self.port} (heap {self.heap})")
        self.started = True  # a half-started node must be stopped too
        out = subprocess.run(
            [str(ROOT / "scripts" / "elasticsearch.sh"), "start"], env=self.env, check=True,
            stdout=subprocess.PIPE, text=True,
        ).stdout
        url = re.search(r"SEARCH_URL=(\S+)", out)
        if not url:
            raise RuntimeError(f"elasticsearch.sh printed no SEARCH_URL: {out!r}")
        return url.group(1)

    def stop(self):
        if self.started:
            self.started = False
            log(f"stopping Elasticsearch on port {self.port}")
            subprocess.run([str(ROOT / "scripts" / "elasticsearch.sh"), "stop"], env=self.env, check=False,
                           stdout=sys.stderr)


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)


# --- synthetic content -------------------------------------------------------------------------


class World:
    """Agencies (one portal each), document types and sectors, in the database; vocabulary in memory."""

    def __init__(self, rng):
        import yaml

        self.rng = rng
        self.root_page = None
        data = ROOT / "scripts" / "demo_data"
        self.vocabulary = yaml.safe_load((data / "vocabulary.yaml").read_text(encoding="utf-8"))
        self.province_data = yaml.safe_load((data / "province.yaml").read_text(encoding="utf-8"))
        self.create_taxonomies()
        self.create_agencies()

    def create_taxonomies(self):
        from cms.documents.models import DocumentType, Sector

        self.types = {}
        for entry in self.vocabulary["document_types"]:
            document_type, _ = DocumentType.objects.get_or_create(
                name=entry["name"], defaults={"abbreviation": entry["abbreviation"],
                                              "is_legal_normative": entry["legal_normative"]},
            )
            self.types[entry["abbreviation"]] = (document_type.pk, entry)
        self.sectors = {}
        for entry in self.vocabulary["sectors"]:
            sector, _ = Sector.objects.get_or_create(code=entry["code"], defaults={"name": entry["name"]})
            self.sectors[entry["code"]] = sector.pk
        self.sector_codes = sorted(self.sectors)
        self.local_subjects = self.vocabulary["document_subjects"]
        self.national_types = [a for a, (_pk, e) in self.types.items() if e["scope"] == "national"]
        self.procedures = [p for p in self.vocabulary["procedures"] if p.get("sector") in self.sectors]
        self.headlines = self.vocabulary["news_headlines"]
        self.national_documents = self.vocabulary["national_documents"]

    def create_agencies(self):
        """The demo province's agencies, then generated communes, wards and units up to PORTALS agencies."""
        from cms.core.models import Agency, AgencyKind

        province = self.province_data["province"]
        specs = [("TS", province["name"], province["short_name"], AgencyKind.PROVINCE, None)]
        for entry in self.province_data["agencies"]:
            specs.append((entry["code"], entry["name"], entry.get("short_name", ""), entry["kind"], entry["parent"] or "TS"))
        names = [f"{a} {b}" for a in PLACE_SYLLABLES for b in PLACE_SYLLABLES if a != b]
        self.rng.shuffle(names)
        departments = [s[0] for s in specs if s[3] == AgencyKind.DEPARTMENT]
        districts = [s[0] for s in specs if s[3] == AgencyKind.DISTRICT]
        number = 0
        while len(specs) < PORTALS:
            number += 1
            name = names.pop()
            roll = self.rng.random()
            if roll < 0.72:
                parent = self.rng.choice(districts) if self.rng.random() < 0.1 else "TS"
                specs.append((f"X{number:03d}", f"Ủy ban nhân dân xã {name}", f"UBND xã {name}", AgencyKind.COMMUNE, parent))
            elif roll < 0.9:
                specs.append((f"P{number:03d}", f"Ủy ban nhân dân phường {name}", f"UBND phường {name}", AgencyKind.WARD, "TS"))
            else:
                specs.append((f"U{number:03d}", f"Trung tâm Dịch vụ công {name}", "", AgencyKind.UNIT, self.rng.choice(departments)))
        prefix = "bench-" if Agency.objects.exists() else ""  # keep codes unique in a database that has data
        agencies = Agency.objects.bulk_create(
            [Agency(code=f"{prefix}{code}", name=name, short_name=short, kind=kind) for code, name, short, kind, _p in specs]
        )
        by_code = {code: agency for (code, *_rest), agency in zip(specs, agencies)}
        for code, _name, _short, _kind, parent in specs:  # parents come before children in specs
            agency = by_code[code]
            agency.parent = by_code[parent] if parent else None
            agency.path = (agency.parent.path if agency.parent else "/") + f"{agency.pk}/"
        Agency.objects.bulk_update(agencies, ["parent", "path"])
        self.agencies = agencies
        self.by_code = by_code
        self.province = by_code["TS"]
        self.departments = [by_code[c] for c in departments]
        self.communes = [a for a in agencies if a.kind in (AgencyKind.COMMUNE, AgencyKind.WARD)]
        self.kind_of = {a.pk: a.kind for a in agencies}
        self.ancestors = {a.pk: [int(p) for p in a.path.strip("/").split("/")] for a in agencies}
        self.host = {a.pk: f"{a.code.lower()}.thanhson.gov.vn" for a in agencies}
        from cms.demo.loader import DEPARTMENT_OF_SECTOR

        self.department_of_sector = {s: by_code[c] for s, c in DEPARTMENT_OF_SECTOR.items() if c in by_code}

    def portal(self, agency):
        """An unsaved Portal for the search scope: every agency's portal id is its agency id here, and every
        portal's site has the default Wagtail page as root (the database fallback also searches pages)."""
        from wagtail.models import Page, Site

        from cms.core.models import Portal

        if self.root_page is None:
            self.root_page = Page.objects.filter(depth=2).order_by("path").first()
        site = Site(hostname=self.host[agency.pk], root_page=self.root_page)
        return Portal(pk=agency.pk, agency=agency, site=site)

    def portals_for(self, owner_id, other_ids=()):
        return sorted(set(self.ancestors[owner_id]) | set(other_ids))


class Generator:
    """Random records from the vocabulary; the same seed gives the same records."""

    def __init__(self, world, seed):
        self.w = world
        self.rng = random.Random(seed)
        self.numbers = []  # a sample of generated document numbers, for number queries

    def person(self):
        names, r = self.w.vocabulary["person_names"], self.rng
        if r.random() < 0.6:
            return f"{r.choice(names['family'])} {r.choice(names['middle_male'])} {r.choice(names['given_male'])}"
        return f"{r.choice(names['family'])} {r.choice(names['middle_female'])} {r.choice(names['given_female'])}"

    def date(self, first_year=2008):
        start = datetime.date(first_year, 1, 1)
        return start + datetime.timedelta(days=self.rng.randrange((TODAY - start).days))

    def _owner_for(self, abbreviation, sector):
        r = self.rng.random()
        if abbreviation in ("NQ", "CĐ", "TTr") or r < 0.35:
            return self.w.province
        if r < 0.65 and abbreviation != "CT":
            return self.w.department_of_sector.get(sector) or self.rng.choice(self.w.departments)
        return self.rng.choice(self.w.communes)

    def _number(self, abbreviation, entry, owner, year):
        serial = self.rng.randint(1, 3500)
        if entry["scope"] == "national":
            pattern = entry["number_pattern"]
            ministry = self.rng.choice(list(MINISTRIES))
            return pattern.format(so=serial, nam=year, khoa=self.rng.choice([13, 14, 15]), cq=ministry), ministry
        department = owner.kind == "department"
        symbol = owner.code.removeprefix("bench-") if department else "UBND"
        if entry["legal_normative"] and owner.pk == self.w.province.pk:
            return f"{serial}/{year}/" + ("NQ-HĐND" if abbreviation == "NQ" else f"{abbreviation}-UBND"), None
        if abbreviation == "CV":
            return f"{serial}/{symbol}-{self.rng.choice(UNIT_ABBREVIATIONS)}", None
        if abbreviation == "HD":
            return f"{serial}/HD-{symbol}", None
        return f"{serial}/{abbreviation}-{symbol}", None

    def document(self, object_id):
        """A legal document's fields (model field names) plus what the index entry needs."""
        r, w = self.rng, self.w
        issue_date = self.date()
        year = issue_date.year
        if r.random() < 0.06:
            abbreviation = r.choice(w.national_types)
            subject = r.choice(w.local_subjects)
            owner = r.choice([w.province] + [w.department_of_sector.get(subject["sector"], w.province)])
        else:
            subject = r.choice(w.local_subjects)
            abbreviation = r.choice([t for t in subject["types"] if t in w.types] or ["QĐ"])
            owner = self._owner_for(abbreviation, subject["sector"])
        type_pk, type_entry = w.types[abbreviation]
        number, ministry = self._number(abbreviation, type_entry, owner, year)
        type_name = type_entry["name"]
        if type_entry["scope"] == "national":
            issuing_body = MINISTRIES[ministry] if abbreviation == "TT" else NATIONAL_ISSUERS.get(abbreviation, "Chính phủ")
        elif abbreviation == "NQ" and owner.pk == w.province.pk:
            issuing_body = "Hội đồng nhân dân tỉnh Thanh Sơn"
        else:
            issuing_body = owner.name
        text = subject["text"].replace("2026", str(year + 1)).replace("2025", str(year))
        basis = r.choice(w.national_documents)
        other = r.choice(w.local_subjects)["text"].replace("2025", str(year))
        department = w.department_of_sector.get(subject["sector"], w.province)
        paragraphs = [
            "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
            f"Căn cứ {basis['type']} số {basis['number']} của {basis['issuer']} {basis['title'][:1].lower()}{basis['title'][1:]};",
            f"{issuing_body} ban hành {type_name.lower()} {text}.",
            f"Điều 1. Phạm vi, đối tượng áp dụng: các cơ quan, tổ chức, cá nhân có liên quan trên địa bàn {owner.short_name or owner.name}.",
            f"Điều 2. Giao {department.name} chủ trì, phối hợp với các cơ quan, đơn vị liên quan {other}.",
            "Điều 3. Thủ trưởng các cơ quan, đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành.",
        ]
        normative = type_entry["legal_normative"]
        effective = issue_date + datetime.timedelta(days=10 if normative else 0)
        status = r.choices(list(EFFECT_WEIGHTS), weights=list(EFFECT_WEIGHTS.values()))[0] if normative else "con-hieu-luc"
        if effective > TODAY:
            status = "chua-co-hieu-luc"
        sectors = [subject["sector"]] + ([r.choice(w.sector_codes)] if r.random() < 0.15 else [])
        concerned = []
        if owner.pk == w.province.pk and department.pk != owner.pk:
            concerned.append(department.pk)
        if r.random() < 0.2:
            concerned += [c.pk for c in r.sample(w.communes, r.randint(1, 4))]
        if len(self.numbers) < 5000 and r.random() < 0.05:
            self.numbers.append(number)
        return {
            "id": object_id, "number": number, "document_type_id": type_pk, "type_name": type_name,
            "issuing_body": issuing_body, "signer": f"{self.person()}", "issue_date": issue_date,
            "effective_date": effective, "effect_status": status, "abstract": f"{type_name} {text}",
            "paragraphs": paragraphs, "sectors": list(dict.fromkeys(sectors)), "owner_agency_id": owner.pk,
            "concerned": concerned,
        }

    def procedure(self, object_id):
        r, w = self.rng, self.w
        entry = r.choice(w.procedures)
        if entry["level"] == "xa":
            owner = r.choice(w.communes)
        else:
            owner = w.department_of_sector.get(entry["sector"]) or r.choice(w.departments)
        implementing = [w.by_code["TTPVHCC"].pk] if entry["level"] == "tinh" and "TTPVHCC" in w.by_code else []
        steps = STEPS + [f"Cơ quan có thẩm quyền giải quyết và trả kết quả: {entry.get('result', 'kết quả giải quyết')}."]
        return {
            "id": object_id, "code": f"1.{object_id:06d}", "name": entry["name"], "sector": entry["sector"],
            "level": entry["level"], "steps": steps, "applicants": entry.get("applicants", "Cá nhân, tổ chức"),
            "result": entry.get("result", ""), "requirements": "Không",
            "files": entry.get("files", []), "fees": entry.get("fee", "Không"),
            "service_level": entry.get("service_level", "mot-phan"), "owner_agency_id": owner.pk,
            "implementing": implementing, "updated": self.date(2020),
        }

    def page(self, object_id):
        r, w = self.rng, self.w
        headline = r.choice(w.headlines)
        agency = w.province if r.random() < 0.2 else r.choice(w.agencies)
        date = self.date(2015)
        title = headline["title"].replace("2025", str(date.year)).replace("2024", str(date.year - 1))
        return {
            "id": object_id, "title": title, "body": f"{headline['lead']} {agency.name} thông tin.",
            "date": date, "agency": agency.pk,
        }


def document_entry(w, d):
    """The index entry of a generated document, as search.entries.record_entry builds it."""
    from cms.documents.models import IN_FORCE_STATUSES
    from search.entries import entry_id, entry_source

    host = w.host[d["owner_agency_id"]]
    return entry_source(
        kind="document", object_id=d["id"],
        title=f"{d['type_name']} {d['number']} — {d['abstract']}",
        body=" ".join([d["issuing_body"], d["signer"], " ".join(d["paragraphs"])]),
        number=d["number"], number_key=_number_key(d["number"]),
        document_type=str(d["document_type_id"]), issuing_body=d["issuing_body"], sectors=d["sectors"],
        effect_status=d["effect_status"], in_force=d["effect_status"] in IN_FORCE_STATUSES,
        issue_date=d["issue_date"], effective_date=d["effective_date"], date=d["issue_date"],
        year=d["issue_date"].year, owner_agency=d["owner_agency_id"],
        portals=w.portals_for(d["owner_agency_id"], d["concerned"]),
        url=f"https://{host}/van-ban/{d['id']}/", path=f"/van-ban/{d['id']}/", group=entry_id("document", d["id"]),
    )


def procedure_entry(w, p):
    from cms.records import folded_words
    from search.entries import entry_source, title_group

    host = w.host[p["owner_agency_id"]]

    body = [p["code"], p["result"], p["applicants"], " ".join(p["steps"]), p["requirements"]]
    return entry_source(
        kind="procedure", object_id=p["id"], title=p["name"], body=" ".join(body), sectors=[p["sector"]],
        level=p["level"], service_level=p["service_level"] or None, in_force=True, date=p["updated"],
        owner_agency=p["owner_agency_id"], portals=w.portals_for(p["owner_agency_id"], p["implementing"]),
        url=f"https://{host}/thu-tuc/{p['id']}/", path=f"/thu-tuc/{p['id']}/",
        group=title_group("procedure", folded_words(p["name"])),
    )


def page_entry(w, g):
    from search.entries import entry_id, entry_source

    path = f"/tin-tuc/bai-viet-{g['id']}/"
    return entry_source(
        kind="page", object_id=g["id"], title=g["title"], body=g["body"], in_force=True, date=g["date"],
        year=g["date"].year, portals=[g["agency"]], url=f"https://{w.host[g['agency']]}{path}", path=path,
        group=entry_id("page", g["id"]),
    )


def _number_key(number):
    from cms.core.text import fold, normalise_document_number

    return normalise_document_number(number) or fold(number).upper()


def entry_slices(world, generator, total, size):
    """Lists of (kind, object id, entry), `size` at a time."""
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    counters = dict.fromkeys(kinds, 0)
    build = {
        "document": lambda i: document_entry(world, generator.document(i)),
        "procedure": lambda i: procedure_entry(world, generator.procedure(i)),
        "page": lambda i: page_entry(world, generator.page(i)),
    }
    done = 0
    while done < total:
        batch = []
        for kind in generator.rng.choices(kinds, weights=weights, k=min(size, total - done)):
            counters[kind] += 1
            batch.append((kind, counters[kind], build[kind](counters[kind])))
        done += len(batch)
        yield batch


# --- 1. bulk indexing --------------------------------------------------------------------------


def bench_bulk(url, world, args):
    from elasticsearch import Elasticsearch
    from elasticsearch.helpers import bulk

    from search import indexer
    from search.documents import new_index
    from search.entries import entry_id

    # Bulk requests can take long on a busy machine: a generous timeout, same client for both paths.
    es = Elasticsearch(url, request_timeout=300, max_retries=0)
    names = {}
    for path in ("indexer", "raw"):
        index = new_index()
        index.create(using=es)
        es.indices.put_settings(index=index._name, settings={"refresh_interval": "-1"})
        names[path] = index._name
        time.sleep(0.002)  # distinct timestamps in the index names

    def project_path(batch):
        actions = ({"_id": entry_id(kind, oid), "_source": source} for kind, oid, source in batch)
        return indexer.load(es, names["indexer"], actions, chunk_size=args.chunk_size)

    def raw_path(batch):
        actions = ({"_id": entry_id(kind, oid), "_source": source} for kind, oid, source in batch)
        ok, _errors = bulk(es, actions, index=names["raw"], chunk_size=args.chunk_size, stats_only=True)
        return ok

    # Warm-up (JVM, connections) on other entries into a scratch index, both paths, untimed.
    warmup = new_index()
    warmup.create(using=es)
    es.indices.put_settings(index=warmup._name, settings={"refresh_interval": "-1"})
    for batch in entry_slices(world, Generator(world, SEED - 1), min(args.warmup, args.entries), args.warmup):
        actions = [{"_id": entry_id(kind, oid), "_source": source} for kind, oid, source in batch]
        indexer.load(es, warmup._name, actions, chunk_size=args.chunk_size)
        bulk(es, actions, index=warmup._name, chunk_size=args.chunk_size, stats_only=True)
    es.indices.delete(index=warmup._name)
    log(f"bulk warm-up done ({min(args.warmup, args.entries):,} entries, both paths)")

    generator = Generator(world, SEED)
    seconds = {"indexer": 0.0, "raw": 0.0}
    # Each block goes into both indices, alternating which goes first. raw time / indexer time per block:
    # their median resists bursts of load from other processes on a shared machine, their spread shows them.
    block_ratios = []
    counts = {"document": 0, "procedure": 0, "page": 0}
    generate_s, done, began = 0.0, 0, time.perf_counter()
    slices = entry_slices(world, generator, args.entries, args.slice)
    while (generated := _timed_next(slices)) is not None:
        batch, spent = generated
        generate_s += spent
        for kind, _oid, _source in batch:
            counts[kind] += 1
        for start in range(0, len(batch), args.block):
            block = batch[start:start + args.block]
            order = ("indexer", "raw") if len(block_ratios) % 2 == 0 else ("raw", "indexer")
            spent = {}
            for path in order:
                began_path = time.perf_counter()
                indexed = (project_path if path == "indexer" else raw_path)(block)
                spent[path] = time.perf_counter() - began_path
                seconds[path] += spent[path]
                assert indexed == len(block), (path, indexed, len(block))
            block_ratios.append(spent["raw"] / spent["indexer"])
        done += len(batch)
        elapsed = time.perf_counter() - began
        log(f"indexed {done:,}/{args.entries:,} into both indices "
            f"(indexer {done / seconds['indexer']:.0f} docs/s, raw {done / seconds['raw']:.0f} docs/s, "
            f"generation {generate_s:.0f}s, elapsed {elapsed:.0f}s)")
    for name in names.values():
        es.indices.put_settings(index=name, settings={"refresh_interval": None})
        es.indices.refresh(index=name)
    stats = {path: es.indices.stats(index=name, metric="docs,store")["indices"][name]["primaries"]
             for path, name in names.items()}
    for path, s in stats.items():
        assert s["docs"]["count"] == args.entries, (path, s["docs"]["count"])
    result = {
        "entries": args.entries, "entries_by_kind": counts, "portals": len(world.agencies),
        "bulk_chunk_size": args.chunk_size,
        "bulk_indexer_docs_per_s": round(args.entries / seconds["indexer"]),
        "bulk_raw_docs_per_s": round(args.entries / seconds["raw"]),
        "bulk_ratio_indexer_vs_raw": round(seconds["raw"] / seconds["indexer"], 3),
        "bulk_blocks": len(block_ratios), "bulk_block_entries": args.block,
        "bulk_ratio_median_of_blocks": round(statistics.median(block_ratios), 3),
        "bulk_block_ratio_min": round(min(block_ratios), 3), "bulk_block_ratio_max": round(max(block_ratios), 3),
        "bulk_indexer_s": round(seconds["indexer"], 1), "bulk_raw_s": round(seconds["raw"], 1),
        "entry_generation_s": round(generate_s, 1),
        "index_size_mb": round(stats["indexer"]["store"]["size_in_bytes"] / 2**20),
    }
    # Queries run against the index loaded through the indexer, behind the bench alias.
    indexer.swap_alias(es, names["indexer"])
    es.indices.delete(index=names["raw"])
    es.close()
    return result, generator.numbers


def _timed_next(iterator):
    start = time.perf_counter()
    try:
        batch = next(iterator)
    except StopIteration:
        return None
    return batch, time.perf_counter() - start


# --- queries -----------------------------------------------------------------------------------


def _phrase(rng, text, low=2, high=4):
    words = [w.strip(",.;:()“”\"") for w in text.split()]
    words = [w for w in words if w and not w.isdigit() and "/" not in w]
    length = min(len(words), rng.randint(low, high))
    start = rng.randrange(len(words) - length + 1)
    return " ".join(words[start:start + length])


def number_spellings(rng, number):
    """The number as typed: exactly, lowercase without diacritics, with the type name, or loose."""
    from cms.core.text import fold

    parts = number.split("/")
    spellings = [number, fold(number), f"số {number}"]
    if len(parts) == 3:
        symbol_type = parts[2].split("-")[0]
        spellings += [f"{parts[0]}/{parts[1]}", f"{fold(symbol_type)} {parts[0]}/{parts[1]}"]
    return rng.choice(spellings)


def make_queries(world, numbers, count, seed):
    """(category, SearchParams) mixed queries, deterministic for a seed."""
    from search.forms import SearchParams
    from cms.core.text import fold

    rng = random.Random(seed)
    w = world
    numbers = numbers or ["123/2024/QĐ-UBND"]
    texts = ([s["text"] for s in w.local_subjects] + [p["name"] for p in w.procedures]
             + [h["title"] for h in w.headlines])
    type_pks = [pk for pk, _entry in w.types.values()]

    def text():
        return _phrase(rng, rng.choice(texts))

    def portal():
        roll = rng.random()
        agency = w.province if roll < 0.15 else rng.choice(w.departments) if roll < 0.45 else rng.choice(w.communes)
        return w.portal(agency)

    def filters():
        choice = rng.randrange(7)
        if choice == 0:
            return {"kind": "document", "year": rng.randint(2012, 2026)}
        if choice == 1:
            return {"kind": "document", "document_type": rng.choice(type_pks)}
        if choice == 2:
            return {"sector": rng.choice(w.sector_codes)}
        if choice == 3:
            return {"kind": "document", "effect_status": "con-hieu-luc"}
        if choice == 4:
            return {"kind": "procedure", "level": rng.choice(["tinh", "xa"]),
                    "service_level": rng.choice(["toan-trinh", "mot-phan"])}
        if choice == 5:
            start = datetime.date(rng.randint(2015, 2024), rng.randint(1, 12), 1)
            return {"date_from": start, "date_to": start + datetime.timedelta(days=rng.randint(60, 720))}
        return {"kind": "page"}

    makers = {
        "diacritics": lambda: SearchParams(q=text()),
        "no_diacritics": lambda: SearchParams(q=fold(text())),
        "document_number": lambda: SearchParams(q=number_spellings(rng, rng.choice(numbers))),
        "filters": lambda: SearchParams(q=rng.choice([text, lambda: fold(text())])(), **filters()),
        "portal_scope": lambda: SearchParams(q=rng.choice([text, lambda: fold(text())])(), portal=portal(),
                                             **(filters() if rng.random() < 0.3 else {})),
        "browse": lambda: SearchParams(q="", sort="date", portal=portal() if rng.random() < 0.5 else None,
                                       **filters()),
        "page_2_by_date": lambda: SearchParams(q=text(), sort="date", page=2),
    }
    shares = {"diacritics": 0.2, "no_diacritics": 0.2, "document_number": 0.15, "filters": 0.2,
              "portal_scope": 0.15, "browse": 0.05, "page_2_by_date": 0.05}
    queries = []
    for category, share in shares.items():
        queries += [(category, makers[category]()) for _ in range(round(count * share))]
    while len(queries) < count:
        queries.append(("diacritics", makers["diacritics"]()))
    queries = queries[:count]
    rng.shuffle(queries)
    return queries


def percentiles(values):
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": statistics.median(values), "p95": cuts[94]}


def mix(queries):
    counts = {}
    for category, _params in queries:
        counts[category] = counts.get(category, 0) + 1
    return counts


# --- 2. query service vs raw -------------------------------------------------------------------


def bench_queries(world, numbers, args):
    from search import query
    from search.client import client
    from search.documents import alias_name

    queries = make_queries(world, numbers, args.queries, SEED + 1)
    es = client()
    bodies = [query.request_body(params) for _category, params in queries]
    log(f"warming up with {len(queries)} queries")
    for (_category, params), body in zip(queries, bodies):
        query.search(params)
        es.search(index=alias_name(), body=body)
    service, raw, took, fallbacks, hits = [], [], [], 0, 0
    for number, ((_category, params), body) in enumerate(zip(queries, bodies)):
        for way in (("service", "raw") if number % 2 == 0 else ("raw", "service")):
            start = time.perf_counter()
            if way == "service":
                results = query.search(params)
                service.append(time.perf_counter() - start)
                fallbacks += results.backend != "elasticsearch"
                hits += results.total > 0
            else:
                response = es.search(index=alias_name(), body=body)
                raw.append(time.perf_counter() - start)
                took.append(response["took"] / 1000)
        if (number + 1) % 50 == 0:
            log(f"queries: {number + 1}/{len(queries)}")
    s, r = percentiles(service), percentiles(raw)
    return {
        "queries": len(queries), "query_mix": mix(queries), "queries_with_hits": hits,
        "service_fallbacks": fallbacks,
        "service_p50_ms": _ms(s["p50"]), "service_p95_ms": _ms(s["p95"]),
        "raw_p50_ms": _ms(r["p50"]), "raw_p95_ms": _ms(r["p95"]),
        "es_took_p50_ms": _ms(statistics.median(took)),
        "overhead_ratio_p50": round(s["p50"] / r["p50"], 3), "overhead_ratio_p95": round(s["p95"] / r["p95"], 3),
        "overhead_ratio_total": round(sum(service) / sum(raw), 3),
        "overhead_goal_max": 1.3,
        "overhead_goal_met": s["p50"] / r["p50"] <= 1.3 and s["p95"] / r["p95"] <= 1.3,
    }


def _ms(seconds):
    return round(seconds * 1000, 1)


# --- 3. database fallback ----------------------------------------------------------------------


def create_records(world, total):
    """total LegalDocument and Procedure rows (80/20) with sectors, concerned and implementing agencies."""
    from django.db import connection, transaction

    from cms.documents.models import LegalDocument
    from cms.procedures.models import Procedure

    generator = Generator(world, SEED + 2)
    documents_total = total * 4 // 5
    sector_links, concerned_links, implementing_links = [], [], []
    DocumentSectors = LegalDocument.sectors.through
    Concerned = LegalDocument.concerned_agencies.through
    Implementing = Procedure.implementing_agencies.through
    batch_size = 5000
    with transaction.atomic():
        for start in range(0, documents_total, batch_size):
            rows, extras = [], []
            for _ in range(min(batch_size, documents_total - start)):
                d = generator.document(None)
                document = LegalDocument(
                    number=d["number"], number_key=_number_key(d["number"]), document_type_id=d["document_type_id"],
                    issuing_body=d["issuing_body"], signer=d["signer"], issue_date=d["issue_date"],
                    effective_date=d["effective_date"], effect_status=d["effect_status"], abstract=d["abstract"],
                    body="".join(f"<p>{p}</p>" for p in d["paragraphs"]), owner_agency_id=d["owner_agency_id"],
                    live=True,
                )
                document.fold_text()
                rows.append(document)
                extras.append(d)
            LegalDocument.objects.bulk_create(rows)
            for document, d in zip(rows, extras):
                sector_links += [DocumentSectors(legaldocument_id=document.pk, sector_id=world.sectors[c]) for c in d["sectors"]]
                concerned_links += [Concerned(legaldocument_id=document.pk, agency_id=a) for a in d["concerned"]]
        DocumentSectors.objects.bulk_create(sector_links, batch_size=batch_size)
        Concerned.objects.bulk_create(concerned_links, batch_size=batch_size)
        procedures, extras = [], []
        for number in range(total - documents_total):
            p = generator.procedure(number + 1)
            procedure = Procedure(
                code=p["code"], name=p["name"], sector_id=world.sectors[p["sector"]], level=p["level"],
                steps="<ol>" + "".join(f"<li>{s}</li>" for s in p["steps"]) + "</ol>",
                applicants=p["applicants"], result=p["result"], fees=p["fees"], requirements=p["requirements"],
                service_level=p["service_level"], owner_agency_id=p["owner_agency_id"], live=True,
            )
            procedure.fold_text()
            procedures.append(procedure)
            extras.append(p)
        Procedure.objects.bulk_create(procedures, batch_size=batch_size)
        for procedure, p in zip(procedures, extras):
            implementing_links += [Implementing(procedure_id=procedure.pk, agency_id=a) for a in p["implementing"]]
        Implementing.objects.bulk_create(implementing_links, batch_size=batch_size)
    if connection.vendor == "postgresql":  # as autovacuum does after a real import (since PostgreSQL 13):
        with connection.cursor() as cursor:  # statistics, the visibility map
            cursor.execute("VACUUM ANALYZE")
    return documents_total, total - documents_total, generator.numbers


def bench_fallback(world, args):
    from search import fallback

    start = time.perf_counter()
    documents, procedures, numbers = create_records(world, args.fallback_entries)
    created = time.perf_counter() - start
    log(f"created {documents:,} documents and {procedures:,} procedures in {created:.0f}s")
    queries = make_queries(world, numbers, args.fallback_queries, SEED + 3)
    fallback.search(queries[0][1])  # warm-up: connection, caches
    times = []
    for number, (_category, params) in enumerate(queries):
        start = time.perf_counter()
        results = fallback.search(params)
        times.append(time.perf_counter() - start)
        assert results.backend == "database"
        if (number + 1) % 25 == 0:
            log(f"fallback queries: {number + 1}/{len(queries)}")
    p = percentiles(times)
    return {
        "fallback_entries": args.fallback_entries, "fallback_documents": documents, "fallback_procedures": procedures,
        "fallback_create_rows_s": round(created, 1), "fallback_queries": len(queries), "fallback_query_mix": mix(queries),
        "fallback_p50_ms": _ms(p["p50"]), "fallback_p95_ms": _ms(p["p95"]),
    }


def database_settings(connection):
    """What the figures depend on besides the code: PostgreSQL's page cache (scripts/postgres.sh)."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        return {"postgresql_shared_buffers": cursor.fetchone()[0]}


# --- main --------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--fallback-entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--fallback-queries", type=int, default=100)
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--slice", type=int, default=40_000, help="entries generated at a time (outside the timing)")
    parser.add_argument("--block", type=int, default=8_000, help="entries loaded into both indices in turn")
    parser.add_argument("--warmup", type=int, default=10_000, help="untimed entries loaded into a scratch index first")
    parser.add_argument("--fallback-only", action="store_true", help="measure the database fallback alone")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    began = time.perf_counter()
    heap = os.environ.get("ES_HEAP", "2g")
    tmpdir = setup_django()
    server = None
    try:
        from django.conf import settings
        from django.db import connection

        settings.SEARCH_INDEX_ALIAS = BENCH_ALIAS
        world = World(random.Random(SEED))
        log(f"{len(world.agencies)} agencies/portals, {len(world.types)} document types, {len(world.sectors)} sectors")
        result = {"database": connection.vendor} | database_settings(connection)
        if not args.fallback_only:
            server = Server(free_port(), heap)
            settings.SEARCH_URL = server.start()
            result["es_heap"] = heap
            bulk_result, numbers = bench_bulk(settings.SEARCH_URL, world, args)
            result.update(bulk_result)
            result.update(bench_queries(world, numbers, args))
            server.stop()
        settings.SEARCH_URL = ""
        result.update(bench_fallback(world, args))
        result["total_s"] = round(time.perf_counter() - began, 1)
        print(json.dumps(result, ensure_ascii=False))
    finally:
        if server is not None:
            server.stop()
        if tmpdir:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
