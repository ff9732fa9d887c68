"""Summarises a V8 .cpuprofile (bench/probes/profile-server.ts): self time by library/module.

    python3 bench/probes/cpuprofile-summary.py PROFILE.cpuprofile [REPO_ROOT] [TOP]

REPO_ROOT is the checkout the profiled process ran from (default: the current directory), so that
a worktree's src/ and adapters/ files are named; TOP how many rows (default 25).
"""
import json,sys,os,collections
p=json.load(open(sys.argv[1]))
root=os.path.realpath(sys.argv[2] if len(sys.argv)>2 else os.getcwd()).rstrip('/')+'/'
top=int(sys.argv[3]) if len(sys.argv)>3 else 25
nodes={n['id']:n for n in p['nodes']}
dt=collections.Counter()
# self time per node from samples/timeDeltas
for s,d in zip(p['samples'],p['timeDeltas']): dt[s]+=d
def cat(cf):
    u=cf.get('url','') or ''
    if u.startswith('file://'): u=u[len('file://'):]
    f=cf.get('functionName','')
    if 'pglite' in u: return 'pglite (PostgreSQL in WASM + bridge)'
    for k in ['botbuilder','botframework','@slack','grammy','undici','pino','express','zod','tsx','ws','jsonwebtoken','node-fetch','axios','pg/lib','pg-protocol']:
        if k in u: return k
    if u.startswith('node:') or u=='' : return 'node internals/' + (f if f in ('(garbage collector)','(program)','(idle)') else 'other')
    if 'node_modules' in u: return 'nm:'+u.split('node_modules/')[-1].split('/')[0]
    for d in ('src/','adapters/','dist/src/','dist/adapters/'):
        if u.startswith(root+d):
            rest=u[len(root+d):].split('/')
            return d+(rest[0]+'/' if len(rest)>1 else '')+rest[-1]
    return u[-40:]
tot=collections.Counter()
for i,t in dt.items(): tot[cat(nodes[i]['callFrame'])]+=t
all_=sum(tot.values())
idle=tot.get('node internals/(idle)',0)
print(f"total {all_/1e6:.1f}s, idle {idle/1e6:.1f}s, busy {(all_-idle)/1e6:.1f}s")
for k,v in tot.most_common(top):
    if k.endswith('(idle)'): continue
    print(f"{v/1e3:9.0f} ms {100*v/(all_-idle):5.1f}%  {k}")
