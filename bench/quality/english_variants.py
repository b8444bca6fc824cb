#!/usr/bin/env python3
# Synthetic English variant set: every English query of the dev, held-out and
# new halves, rewritten the way other parents would type it, judged with the
# original query's judgments (like typos.py; the blind halves stay unseen):
#   us      American spellings (centre -> center, counselling -> counseling,
#           programme -> program, -ise -> -ize, -our -> -or, paed -> ped, ...)
#   number  the last word singular <-> plural (clinic <-> clinics, family <-> families)
#   poss    "X for children" style: a trailing "for children" / "for parents"
#           as a possessive in front ("children's X"), else the query + "for families"
#   frame   the query framed as a parent asks it: "where to get X", "looking for X",
#           "we need X" (in turn, by the query's place in the list)
# Prints nDCG@10 per kind of variant against the queries as written; no query
# text is printed unless --show (dev queries only).
#
# usage: bench/quality/english_variants.py RUNNER [--show]
import collections, re, sys
import synthetic
from synthetic import ndcg
runner = sys.argv[1]; show = '--show' in sys.argv
J = synthetic.judgments()
Q = [(q['id'], q['query'], q['half']) for q in synthetic.seen_queries(lambda q: q['category'] == 'english')]

US = [(r'centre', 'center'), (r'theatre', 'theater'), (r'counsell', 'counsel'), (r'programme', 'program'),
      (r'isation', 'ization'), (r'ise\b', 'ize'), (r'ised\b', 'ized'), (r'ising\b', 'izing'),
      (r'yse\b', 'yze'), (r'paed', 'ped'), (r'gynae', 'gyne'), (r'haem', 'hem'), (r'anaem', 'anem'),
      (r'behaviour', 'behavior'), (r'neighbour', 'neighbor'), (r'labour', 'labor'), (r'colour', 'color'),
      (r'licence', 'license'), (r'defence', 'defense'), (r'catalogue', 'catalog'), (r'travell', 'travel'),
      (r'\bmum', 'mom'), (r'foet', 'fet'), (r'enrolment', 'enrollment'), (r'judgement', 'judgment')]
NOT_IZE = ('advise', 'exercise', 'otherwise', 'wise', 'rise', 'raise', 'noise', 'promise', 'expertise',
           'enterprise', 'premise', 'surprise', 'supervise', 'revise', 'devise', 'compromise', 'arise',
           'disguise', 'precise', 'concise', 'franchise', 'merchandise', 'televise', 'improvise', 'despise')
def us(text):
    out = []
    for w in text.split():
        if not w.lower().startswith(NOT_IZE) and len(w) > 4:
            for a, b in US: w = re.sub(a, b, w)
        out.append(w)
    return ' '.join(out)
def number(text):
    ws = text.split(); w = ws[-1]
    if len(w) < 4: return None
    if w.endswith('ies'): w = w[:-3] + 'y'
    elif w.endswith('ren'): w = w[:-3]              # children -> child
    elif w == 'child': w = 'children'
    elif w.endswith('ss') or w.endswith('us'): w = w + 'es'
    elif w.endswith('s'): w = w[:-1]
    elif w.endswith('y') and w[-2] not in 'aeiou': w = w[:-1] + 'ies'
    elif w.endswith(('ch', 'sh', 'x')): w = w + 'es'
    else: w = w + 's'
    return ' '.join(ws[:-1] + [w])
def poss(text):
    m = re.match(r'^(.*) for (children|parents|families|kids|mothers|fathers)$', text)
    if m:
        who = m.group(2)
        return ("%s's %s" if not who.endswith('s') or who == 'children' else "%s' %s") % (who, m.group(1)) if who != 'children' else "children's %s" % m.group(1)
    return None
FRAMES = ('where to get %s', 'looking for %s', 'we need %s')
def frame(text, i):
    return FRAMES[i % len(FRAMES)] % text
rows = []
for i, (qid, text, h) in enumerate(Q):
    rows.append((qid + '_orig', qid, 'orig', text, h))
    for kind, f in (('us', us), ('number', number), ('poss', poss), ('frame', lambda t: frame(t, i))):
        t = f(text)
        if t and t != text: rows.append((qid + '_' + kind, qid, kind, t, h))
res = synthetic.run(runner, [(r[0], r[3]) for r in rows], 'ph-envar-')
st = collections.defaultdict(list)
for rid, qid, kind, text, h in rows:
    n = ndcg(res[rid]['hits'], J[qid]); base = ndcg(res[qid + '_orig']['hits'], J[qid])
    st[(kind, 'all')].append(n); st[(kind, h)].append(n); st[(kind, 'orig')].append(base)
    st[(kind, 'zero')].append(res[rid]['total'] == 0 and not res[rid]['hits'])
    if show and h == 'dev' and kind != 'orig': print(f"  {rid:12s} {text:40s} {base:.3f} -> {n:.3f}")
allv = []
for kind in ('orig', 'us', 'number', 'poss', 'frame'):
    s = st[(kind, 'all')]
    if not s: continue
    if kind != 'orig': allv += s
    m = lambda k: sum(st[(kind, k)]) / max(1, len(st[(kind, k)]))
    print(f"{kind:6s} n={len(s):3d} ndcg={sum(s)/len(s):.3f} (same queries as written {m('orig'):.3f}) "
          f"dev={m('dev'):.3f} heldout={m('heldout'):.3f} new={m('new'):.3f} zero={sum(st[(kind, 'zero')])}")
print(f"variants all n={len(allv)} ndcg={sum(allv)/len(allv):.3f}")
