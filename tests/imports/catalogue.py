"""The national catalogue's files in tests/data/imports: 30 real procedures in the JSON shape of its
integration API, and its spreadsheet export."""

import json
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "imports"
CATALOGUE = DATA / "thu-tuc-quoc-gia.json"
EXPORT = DATA / "thu-tuc-quoc-gia.xlsx"
RECORDS = json.loads(CATALOGUE.read_text(encoding="utf-8"))
