#!/usr/bin/env python3
# Synthetic Swedish set: every Swedish query of the dev, held-out and new
# halves in the forms a parent also types, judged with the original query's
# judgments: its head word (the longest word not ending in -r, i.e. no verb or
# plural already) in the definite singular ("dagvården", "stödfamiljen") and
# the plural ("stödfamiljer", "förskolor") by the regular rules, and the query
# with "för barn" / "för familjer" after it. Prints nDCG@10 per kind of variant
# against the queries as typed. The blind halves are left out (they stay
# unseen); no query is read one by one unless --show (dev only).
#
# usage: bench/quality/swedish.py RUNNER [--show]
import collections,sys
import synthetic
from synthetic import ndcg
runner=sys.argv[1]; show='--show' in sys.argv
J=synthetic.judgments()
Q=[(q['id'],q['query'],q['half']) for q in synthetic.seen_queries(lambda q:q['category']=='swedish')]
# Neuter nouns (definite -et, plural unchanged) among the last parts of
# compounds of family services; everything else is common gender.
NEUTER=('barn','stöd','hem','prov','boende','arbete','bidrag','center','centrum','skydd','program','kort','intyg','råd','ansvar','liv','land','hus','rum','besök','språk','lån','ställe')
def definite(w):
    if w.endswith(NEUTER): return w+('t' if w.endswith('e') else 'et')
    if w.endswith('e') or w.endswith('a'): return w+'n'
    return w+'en'
def plural(w):
    if w.endswith(NEUTER): return w+('n' if w.endswith('e') else '') if w.endswith('e') else None
    if w.endswith('a'): return w[:-1]+'or'
    if w.endswith('e'): return w[:-1]+'ar'
    if w.endswith(('ning','dom','else')): return w+('r' if w.endswith('e') else 'ar')
    return w+'er'
rows=[]
for qid,text,h in Q:
    ws=text.split()
    cand=[i for i in range(len(ws)) if not ws[i].endswith('r') and len(ws[i])>=4]
    rows.append((qid+'_orig',qid,'orig',text,h))
    if cand:
        i=max(cand,key=lambda k:len(ws[k]))
        for kind,f in (('def',definite),('plural',plural)):
            e=f(ws[i])
            if e and e!=ws[i]: rows.append((qid+'_'+kind,qid,kind,' '.join(ws[:i]+[e]+ws[i+1:]),h))
    if 'barn' not in text: rows.append((qid+'_forbarn',qid,'forbarn',text+' för barn',h))
    if 'famil' not in text: rows.append((qid+'_forfam',qid,'forfam',text+' för familjer',h))
res=synthetic.run(runner,[(r[0],r[3]) for r in rows],'ph-swedish-')
st=collections.defaultdict(list)
for rid,qid,kind,text,h in rows:
    o=res[rid]; n=ndcg(o['hits'],J[qid])
    st[(kind,'all')].append(n); st[(kind,h)].append(n); st[('variants' if kind!='orig' else 'orig','x')].append(n)
    st[(kind,'zero')].append(o['total']==0 and not o['hits'])
    if show and h=='dev':
        print(f"  {rid:14s} {text:40s} {n:.3f} dym={o.get('did_you_mean','')} corr={o.get('corrected')} rel={o.get('relaxed')} tot={o['total']}")
for kind in ['orig','def','plural','forbarn','forfam']:
    s=st[(kind,'all')]
    if not s: continue
    m=lambda h: sum(st[(kind,h)])/max(1,len(st[(kind,h)]))
    print(f"{kind:8s} n={len(s):3d} ndcg={sum(s)/len(s):.3f} dev={m('dev'):.3f} heldout={m('heldout'):.3f} new={m('new'):.3f} zero={sum(st[(kind,'zero')])}")
v=st[('variants','x')]
print(f"variants all n={len(v)} ndcg={sum(v)/len(v):.3f}")
