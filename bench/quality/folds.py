#!/usr/bin/env python3
# Synthetic ä/ö-less set: every Finnish query of the dev, held-out and new
# halves (not the swedish / english categories) that has ä, ö or å, typed
# without them (ä->a, ö->o, å->a), judged with the original query's
# judgments. Prints nDCG@10, recall@10 and zero results of the queries as
# written ('orig') against their folded forms: 'all' (every word folded) and
# 'one' (only the longest word with ä/ö folded, for queries where more than
# one word has them). A parent typing without ä/ö should get (nearly) what
# the query with them gets. The 'folding' queries of those halves (typed
# without ä/ö) are scored the other way round: 'orig' is the query with ä/ö
# put back (each word as the commonest word of the corpus that folds to it).
# The blind halves are left out (they stay unseen).
#
# A second, judgment-free set ('names'): the Finnish name of every corpus
# record that has ä/ö, searched as written and folded; agreement is the share
# of the as-written top 10 found in the folded top 10, and how often the
# first hit is the same.
#
# usage: bench/quality/folds.py RUNNER [--show]
#   RUNNER  the palveluhaku-quality-runner (bench/quality/run builds it and
#           writes the judgments.tsv read here)
#   --show  list the folded queries that lose most against the query as
#           written (more than 0.02), worst first, and every one that finds
#           nothing
import collections,json,re,sys
import synthetic
from synthetic import ndcg,recall
runner=sys.argv[1]; show='--show' in sys.argv
J=synthetic.judgments()
FOLD=str.maketrans({'ä':'a','ö':'o','å':'a','Ä':'A','Ö':'O','Å':'A'})
def fold(s): return s.translate(FOLD)
Q=[]
for q in synthetic.seen_queries(lambda q:q['category'] not in ('swedish','english')):
    if q['category']=='folding': Q.append((q['id'],q['category'],None,q['half'],q['query'])); continue
    if fold(q['query'])==q['query']: continue
    Q.append((q['id'],q['category'],q['query'],q['half']))
vocab=collections.Counter()
names=[]
for l in open(synthetic.HERE+'/corpus.jsonl',encoding='utf-8'):
    d=json.loads(l)
    for f in ('name','summary','description','keywords'):
        v=d.get(f) or {}
        t=v.get('fi','') if isinstance(v,dict) else ''
        if isinstance(t,list): t=' '.join(t)
        vocab.update(re.findall(r'\w+',t.lower()))
    n=(d.get('name') or {}).get('fi','')
    if n and fold(n)!=n: names.append((d['id'],n))
# and its 300 commonest words with ä/ö (5 letters or more), one by one
names+=[(None,w) for w,c in vocab.most_common() if len(w)>=5 and fold(w)!=w and not w.isdigit()][:300]
byfold={}
for w,c in vocab.most_common():
    byfold.setdefault(fold(w),w)
for i,q in enumerate(Q):
    if q[2] is None:
        # a word the corpus has as typed stays as typed
        orig=' '.join(w if vocab[w] else byfold.get(w,w) for w in q[4].split())
        Q[i]=(q[0],q[1],orig,q[3])
rows=[]
for qid,cat,text,h in Q:
    rows.append((qid+'_orig',qid,'orig',text,h,cat))
    rows.append((qid+'_all',qid,'all',fold(text),h,cat))
    ws=text.split()
    acc=[i for i,w in enumerate(ws) if fold(w)!=w]
    if len(acc)>1:
        i=max(acc,key=lambda k:len(ws[k]))
        rows.append((qid+'_one',qid,'one',' '.join(ws[:i]+[fold(ws[i])]+ws[i+1:]),h,cat))
qs=[(r[0],r[3]) for r in rows]
for i,(d,n) in enumerate(names): qs+=[(f'n{i}_orig',n),(f'n{i}_all',fold(n))]
res=synthetic.run(runner,qs,'ph-folds-')
st=collections.defaultdict(list)
worst=[]
for rid,qid,kind,text,h,cat in rows:
    o=res[rid]; n=ndcg(o['hits'],J[qid]); zero=o['total']==0 and not o['hits']
    for key in ('all',h,cat):
        st[(kind,key,'ndcg')].append(n)
        st[(kind,key,'recall')].append(recall(o['hits'],J[qid]))
        st[(kind,key,'zero')].append(zero)
    if kind!='orig':
        base=ndcg(res[qid+'_orig']['hits'],J[qid])
        # the original over the same queries, to compare like with like
        st[(kind,'base','ndcg')].append(base)
        if show and (n<base-0.02 or zero):
            worst.append((n-base,f"  {rid:10s} {h:8s} {text:40s} {base:.3f}->{n:.3f} dym={o.get('did_you_mean','')} corr={o.get('corrected')} rel={o.get('relaxed')} tot={o['total']}"))
def avg(k):
    s=st[k]; return sum(s)/len(s) if s else float('nan')
for kind in ['orig','all','one']:
    n=len(st[(kind,'all','ndcg')])
    line=f"{kind:4s} n={n:3d} ndcg={avg((kind,'all','ndcg')):.3f}"
    if kind!='orig': line+=f" (orig {avg((kind,'base','ndcg')):.3f})"
    line+=f" recall={avg((kind,'all','recall')):.3f} zero={sum(st[(kind,'all','zero')])}"
    line+=' '+' '.join(f"{h}={avg((kind,h,'ndcg')):.3f}" for h in ('dev','heldout','new') if st[(kind,h,'ndcg')])
    print(line)
cats=sorted({r[5] for r in rows})
print('ndcg by category (orig -> all): '+', '.join(f"{c} {avg(('orig',c,'ndcg')):.3f}->{avg(('all',c,'ndcg')):.3f} (n={len(st[('all',c,'ndcg')])})" for c in cats))
for _,l in sorted(worst): print(l)
for part,sel in (('names',lambda d:d is not None),('words',lambda d:d is None)):
  ov=[];top=0;nzero=0;cnt=0
  for i,(d,n) in enumerate(names):
    if not sel(d): continue
    cnt+=1
    a=res[f'n{i}_orig']['hits'][:10]; b=res[f'n{i}_all']['hits'][:10]
    if not b: nzero+=1
    if a: ov.append(len(set(a)&set(b))/len(a)); top+=bool(b) and a[0]==b[0]
    if show and a and (not b or a[0]!=b[0] or len(set(a)&set(b))<0.7*len(a)):
        print(f"  {part} {n:50s} -> {fold(n):50s} overlap={len(set(a)&set(b))}/{len(a)} same_first={bool(b) and a[0]==b[0]} dym={res[f'n{i}_all'].get('did_you_mean','')}")
  print(f"{part} n={cnt} overlap@10={sum(ov)/len(ov):.3f} same first hit={top}/{cnt} zero={nzero}")
