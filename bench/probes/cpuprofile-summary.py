"""Summarises a V8 .cpuprofile (bench/probes/profile-server.ts): self time by library/module."""
import json,sys,collections
p=json.load(open(sys.argv[1]))
nodes={n['id']:n for n in p['nodes']}
dt=collections.Counter()
# self time per node from samples/timeDeltas
for s,d in zip(p['samples'],p['timeDeltas']): dt[s]+=d
def cat(cf):
    u=cf.get('url','') or ''
    f=cf.get('functionName','')
    if 'pglite' in u: return 'pglite (PostgreSQL in WASM + bridge)'
    for k in ['botbuilder','botframework','@slack','grammy','undici','pino','express','zod','tsx','ws','jsonwebtoken','node-fetch','axios','pg/lib','pg-protocol']:
        if k in u: return k
    if u.startswith('node:') or u=='' : return 'node internals/' + (f if f in ('(garbage collector)','(program)','(idle)') else 'other')
    if '/work/main/src/' in u: return 'src/'+u.split('/work/main/src/')[1].split('/')[0]+'/'+u.split('/')[-1]
    if '/work/main/adapters/' in u: return 'adapters/'+u.split('/work/main/adapters/')[1].split('/')[0]
    if 'node_modules' in u: return 'nm:'+u.split('node_modules/')[-1].split('/')[0]
    return u[-40:]
tot=collections.Counter()
for i,t in dt.items(): tot[cat(nodes[i]['callFrame'])]+=t
all_=sum(tot.values())
idle=tot.get('node internals/(idle)',0)
print(f"total {all_/1e6:.1f}s, idle {idle/1e6:.1f}s, busy {(all_-idle)/1e6:.1f}s")
for k,v in tot.most_common(25):
    if k.endswith('(idle)'): continue
    print(f"{v/1e3:9.0f} ms {100*v/(all_-idle):5.1f}%  {k}")
