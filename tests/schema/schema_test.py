#!/usr/bin/python3
"""Every record in the own JSON format that the repository ships validates
against data/schema/service.schema.json (JSON Schema 2020-12), and records
that break the schema's rules do not.

    /usr/bin/python3 tests/schema/schema_test.py      (ctest: data_schema)

Needs Debian's python3-jsonschema (scripts/install-deps.sh --test).
"""

import copy
import glob
import json
import os
import unittest

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_PATH = os.path.join(ROOT, "data", "schema", "service.schema.json")

# The own-format files: the bundled sample and the test fixtures written in
# the own format (PTV and CSV fixtures are other formats; search/ holds
# golden answers, not records).
OWN_FORMAT = [
    "data/sample/*.jsonl",
    "tests/fixtures/engine/*.jsonl",
    "tests/fixtures/server/*.json",
    "tests/fixtures/web/*.jsonl",
]

# Records that are invalid on purpose (the place, relative to the repository,
# and why); each must stay invalid.
INVALID_ON_PURPOSE = {
    "tests/fixtures/engine/services.jsonl:3": "no name: tests/integration/indexer_cli_test.sh checks it is skipped",
}


def load_records(path):
    """(place, record) pairs of a .json (one record or an array) or .jsonl file."""
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        if path.endswith(".jsonl"):
            return [(f"{rel}:{n}", json.loads(line)) for n, line in enumerate(f, 1) if line.strip()]
        doc = json.load(f)
    docs = doc if isinstance(doc, list) else [doc]
    return [(f"{rel}#/{i}", r) for i, r in enumerate(docs)]


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            cls.schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft202012Validator(
            cls.schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        cls.files = sorted(p for pat in OWN_FORMAT for p in glob.glob(os.path.join(ROOT, pat)))
        cls.records = [pr for p in cls.files for pr in load_records(p)]

    def errors(self, record):
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}"
                for e in self.validator.iter_errors(record)]

    def test_every_shipped_record_is_valid(self):
        self.assertGreaterEqual(len(self.files), 5, self.files)
        self.assertGreater(len(self.records), 300)  # the sample alone has 452 JSONL records
        bad = [(place, errs[:3]) for place, r in self.records
               if place not in INVALID_ON_PURPOSE and (errs := self.errors(r))]
        self.assertEqual(bad[:5], [], f"{len(bad)} of {len(self.records)} records break the schema")

    def test_records_invalid_on_purpose_stay_invalid(self):
        places = dict(self.records)
        for place, why in INVALID_ON_PURPOSE.items():
            with self.subTest(place):
                self.assertIn(place, places)
                self.assertNotEqual(self.errors(places[place]), [], why)

    def test_an_array_file_is_valid_as_a_whole(self):
        for path in self.files:
            if path.endswith(".json"):
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
                rel = os.path.relpath(path, ROOT)
                if not any(p.startswith(rel + "#") for p in INVALID_ON_PURPOSE):
                    self.assertEqual(self.errors(doc), [], path)

    def test_records_that_break_the_rules_are_refused(self):
        base = next(r for p, r in self.records if p not in INVALID_ON_PURPOSE)
        cases = {
            "no id": lambda r: r.pop("id"),
            "no name": lambda r: r.pop("name"),
            "name not a text": lambda r: r.__setitem__("name", 5),
            "unknown language in a text": lambda r: r.__setitem__("name", {"de": "Beratung"}),
            "id not a string": lambda r: r.__setitem__("id", 17),
        }
        for label, breaks in cases.items():
            r = copy.deepcopy(base)
            breaks(r)
            with self.subTest(label):
                self.assertNotEqual(self.errors(r), [], f"{label}: accepted {json.dumps(r)[:200]}")


if __name__ == "__main__":
    unittest.main(verbosity=1)
