#!/usr/bin/env python3
# Synthetic typo set: every query of the dev, held-out and new halves that is
# not already a typo, with one edit in its longest word (a letter deleted,
# two letters swapped, a letter replaced by its keyboard neighbour, a double
# letter undoubled or a letter doubled), judged with the original query's
# judgments. Prints nDCG@10 per kind of edit against the queries as typed.
# The blind halves are left out (they stay unseen).
#
# usage: bench/quality/typos.py RUNNER [--show]
#   RUNNER  the palveluhaku-quality-runner (bench/quality/run builds it and
#           writes the judgments.tsv read here)
#   --show  list the dev queries whose typo loses more than 0.1, and every
#           typo that finds nothing
# Environment: TYPO_POS (where in the word, 0..1; default 0.5),
#              TYPO_MINLEN (shortest word edited; default 5)
import collections,os,sys
import synthetic
from synthetic import ndcg
runner=sys.argv[1]; show='--show' in sys.argv
J=synthetic.judgments()
Q=[(q['id'],q['category'],q['query'],q['half']) for q in synthetic.seen_queries(lambda q:q['category']!='typo')]
nb={'a':'s','s':'d','d':'f','e':'r','r':'t','t':'y','i':'o','o':'p','u':'i','l':'k','k':'j','n':'m','m':'n','v':'b','h':'j','p':'o','y':'u','ä':'ö','ö':'ä','j':'k','g':'h','f':'g','b':'n','c':'v'}
POS=float(os.environ.get('TYPO_POS','0.5'))
def edits(w):
    m=max(1,min(len(w)-2,int(len(w)*POS)))
    out={}
    out['del']=w[:m]+w[m+1:]
    out['swap']=w[:m]+w[m+1]+w[m]+w[m+2:] if m+1<len(w) else None
    out['sub']=w[:m]+nb.get(w[m],'e')+w[m+1:]
    # double letter: undouble the first double, else double the letter at m
    for i in range(1,len(w)):
        if w[i]==w[i-1]: out['dbl']=w[:i]+w[i+1:]; break
    else: out['dbl']=w[:m]+w[m]+w[m:]
    return out
rows=[]
for qid,cat,text,h in Q:
    ws=text.split()
    i=max(range(len(ws)),key=lambda k:len(ws[k]))
    if len(ws[i])<int(os.environ.get('TYPO_MINLEN','5')): continue
    rows.append((qid+'_orig',qid,'orig',text,h,cat))
    for kind,e in edits(ws[i]).items():
        if not e or e==ws[i]: continue
        t=' '.join(ws[:i]+[e]+ws[i+1:])
        rows.append((qid+'_'+kind,qid,kind,t,h,cat))
res=synthetic.run(runner,[(r[0],r[3]) for r in rows],'ph-typos-')
st=collections.defaultdict(list)
for rid,qid,kind,text,h,cat in rows:
    o=res[rid]; n=ndcg(o['hits'],J[qid])
    st[(kind,'all')].append(n); st[(kind,h)].append(n)
    st[(kind,'zero')].append(o['total']==0 and not o['hits'])
    zero=o['total']==0 and not o['hits']
    if show and (h=='dev' or zero) and kind!='orig':
        base=ndcg(res[qid+'_orig']['hits'],J[qid])
        if n<base-0.1 or zero: print(f"  {rid:14s} {text:35s} {base:.3f}->{n:.3f} dym={o.get('did_you_mean','')} corr={o.get('corrected')} rel={o.get('relaxed')} tot={o['total']}")
for kind in ['orig','del','swap','sub','dbl']:
    s=st[(kind,'all')]
    print(f"{kind:5s} n={len(s)} ndcg={sum(s)/len(s):.3f} dev={sum(st[(kind,'dev')])/max(1,len(st[(kind,'dev')])):.3f} heldout={sum(st[(kind,'heldout')])/max(1,len(st[(kind,'heldout')])):.3f} new={sum(st[(kind,'new')])/max(1,len(st[(kind,'new')])):.3f} zero={sum(st[(kind,'zero')])}")
allt=[x for k in ['del','swap','sub','dbl'] for x in st[(k,'all')]]
print(f"typos all n={len(allt)} ndcg={sum(allt)/len(allt):.3f}")
