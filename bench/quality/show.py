#!/usr/bin/python3
"""Prints records of corpus.jsonl for grading: show.py ID-PREFIX... [--lang fi] [--full]"""
import json, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
full = "--full" in sys.argv
recs = [json.loads(l) for l in open(os.path.join(HERE, "corpus.jsonl"), encoding="utf-8")]
for a in args:
    for r in recs:
        if r["id"].startswith("gd-" + a) or r["id"] == a:
            print("=" * 8, r["id"], "|", r["name"].get("fi"), "|", r["name"].get("sv", "-"), "|", r["name"].get("en", "-"))
            print("KW:", ", ".join(r.get("keywords", {}).get("fi", [])), "| classes", r.get("service_classes"), r.get("target_groups"), r.get("life_events"))
            print("SUM:", r.get("summary", {}).get("fi", ""))
            d = r.get("description", {}).get("fi", "")
            print("DESC:", d if full else d[:700])
