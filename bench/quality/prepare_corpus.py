#!/usr/bin/python3
"""Builds bench/quality/corpus.jsonl from the PTV general service descriptions.

Input:  /work/shared/data/ptv/general-descriptions.json (458 entries; PTV 3.4
        pohjakuvaukset, CC BY 4.0 Digital and Population Data Services Agency)
        and the code lists in /work/shared/data/ptv/codes/ (old URIs -> codes).
Output: one record per line in the own JSON Lines format (record_json.h):
        id, source, source_id, name, summary, description, service_classes,
        target_groups, life_events, keywords, cost.

Deduplication: entries sharing a ReferenceCode are versions of one
description. Entries without a ReferenceCode are keyed by their Finnish name
(the same text re-imported under new Ids; keying them by Id would put
identical documents into the corpus). Of each group the most complete version
is kept: most languages in name+summary+description, then the longest text,
then the smallest Id (deterministic).

Usage: prepare_corpus.py [--src FILE] [--codes DIR] [--out FILE]
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("fi", "sv", "en")


def localized(items):
    out = {}
    for it in items or []:
        lang = (it.get("Lang") or "").lower()
        text = (it.get("Label") or "").strip()
        if lang in LANGS and text:
            out[lang] = text
    return out


def draft_to_text(s):
    """A Draft.js document (JSON string) -> plain text (blocks joined)."""
    s = s.strip()
    if not s.startswith("{"):
        return s
    try:
        doc = json.loads(s)
    except ValueError:
        return s
    blocks = [b.get("text", "").strip() for b in doc.get("blocks", [])]
    return "\n".join(b for b in blocks if b)


def rich_localized(items):
    return {k: draft_to_text(v) for k, v in localized(items).items() if draft_to_text(v)}


def join_texts(*parts):
    out = {}
    for p in parts:
        for lang, text in p.items():
            out[lang] = (out[lang] + "\n\n" + text) if lang in out else text
    return out


def load_code_map(codes_dir):
    """Old PTV URIs (urn.fi ...ptvl:vNNNN) and new URIs -> notation (P3.7, KR1.2, KE7)."""
    m = {}
    for f in ("ServiceClasses.json", "TargetGroups.json", "LifeEvents.json"):
        with open(os.path.join(codes_dir, f), encoding="utf-8") as fh:
            for c in json.load(fh):
                m[c["Id"]] = c["Notation"]
                if c.get("OldUri"):
                    m[c["OldUri"]] = c["Notation"]
    return m


def codes(items, code_map):
    out = []
    for it in items or []:
        key = it.get("Key", "")
        code = code_map.get(key)
        if code is None:
            mm = re.search(r"/code/([A-Z]+[0-9.]+)$", key)
            code = mm.group(1) if mm else None
        if code and code not in out:
            out.append(code)
    return out


def completeness(e):
    langs = set(localized(e["Name"])) | set(localized(e["ShortDescription"])) \
        | set(localized(e["Description"])) | set(localized(e["BackgroundDescription"]))
    size = sum(len(v) for f in ("Name", "ShortDescription", "Description", "BackgroundDescription")
               for v in localized(e[f]).values())
    return (len(langs), size, "".join(chr(0x10FFFF - ord(c)) for c in e["Id"]))


def convert(e, code_map):
    ref = e.get("ReferenceCode") or e["Id"]
    rec = {
        "id": "gd-" + ref,
        "source": "ptv-general-descriptions",
        "source_id": e["Id"],
        "name": localized(e["Name"]),
        "summary": localized(e["ShortDescription"]),
        "description": join_texts(rich_localized(e["Description"]),
                                  rich_localized(e["BackgroundDescription"])),
        "service_classes": codes(e["ServiceClass"], code_map),
        "target_groups": codes(e["TargetGroup"], code_map),
        "life_events": codes(e["LifeEvent"], code_map),
    }
    kw = []
    for t in e.get("OntologyTerm") or []:
        v = (t.get("Value") or "").strip()
        if v and v not in kw:
            kw.append(v)
    if kw:
        rec["keywords"] = {"fi": kw}
    cost = {"Free": "free", "Charged": "paid"}.get(e.get("ChargeType") or "")
    if cost:
        rec["cost"] = cost
    return {k: v for k, v in rec.items() if v not in ({}, [], "", None)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/work/shared/data/ptv/general-descriptions.json")
    ap.add_argument("--codes", default="/work/shared/data/ptv/codes")
    ap.add_argument("--out", default=os.path.join(HERE, "corpus.jsonl"))
    a = ap.parse_args()
    with open(a.src, encoding="utf-8") as fh:
        entries = json.load(fh)
    code_map = load_code_map(a.codes)
    groups = {}
    for e in entries:
        key = e.get("ReferenceCode") or ("name:" + localized(e["Name"]).get("fi", e["Id"]))
        groups.setdefault(key, []).append(e)
    records = []
    for key, versions in groups.items():
        best = max(versions, key=completeness)
        records.append(convert(best, code_map))
    records.sort(key=lambda r: r["id"])
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(a.out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"prepare_corpus: {len(entries)} entries -> {len(records)} records -> {a.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
