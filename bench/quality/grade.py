#!/usr/bin/python3
"""Grader's helper: adds judgments to needs.txt.
Usage: grade.py NEED GRADE DOC-PREFIX...   (appends to the NEED's "GRADE:" line)"""
import sys, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
need, grade, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
path = os.path.join(HERE, "needs.txt")
lines = open(path, encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("NEED %s |" % need))
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("NEED ")), len(lines))
for i in range(start + 1, end):
    if lines[i].startswith(grade + ":"):
        have = lines[i].split(":", 1)[1].split()
        lines[i] = grade + ": " + " ".join(have + [d for d in docs if d not in have])
        break
else:
    j = end
    while j > start + 1 and not lines[j - 1].strip():
        j -= 1
    lines.insert(j, grade + ": " + " ".join(docs))
open(path, "w", encoding="utf-8").write("\n".join(lines))
