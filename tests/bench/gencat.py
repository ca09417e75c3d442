#!/usr/bin/env python3
"""tests/bench/gencat.py SHAPE OUTDIR [SEED]: a generated catalog for `make bench`.

Writes OUTDIR/libs/<lib>/lib.json (read on top of the real catalog with -L OUTDIR/libs),
OUTDIR/profile.json (the app plus libraries the profile turns on) and OUTDIR/questions
(shell assignments: what the bench asks why / why-not / fix of). Seeded: the same
arguments always write the same catalog, so figures and golden answers compare.

Shapes (one generator, several knobs, so that no shape is tuned to the resolver):
  mixed      2,000 libraries, ~15,100 options, 30 choose-one interfaces, depends chains
             of 26, conflicts, ~110 real issues, a profile turning 50 libraries on
             (the shape of issue 16's independent catalog)
  chains     long depends chains (60 deep), few conflicts
  wide       8 interfaces with 120 providers each, many libraries requiring them
  conflicts  dense conflicts among the upper half of the libraries
  tight      a near-unsatisfiable profile: 80 libraries turned on whose interfaces and
             conflicts leave few valid configurations
  small      mixed at an eighth of the size, for tests/host/answers.sh: explanations,
             fixes and check findings compared with answers recorded before a change
"""
import os
import random
import re
import sys

SHAPES = {
    #          libs  opts   ifaces prov chain confl issues profile
    "mixed": (2000, 15100, 30, 4, 26, 0.25, 110, 50),
    "chains": (2000, 12000, 10, 3, 60, 0.05, 0, 40),
    "wide": (2000, 12000, 8, 120, 8, 0.10, 0, 50),
    "conflicts": (2000, 12000, 20, 4, 12, 1.50, 0, 50),
    "tight": (1500, 9000, 20, 6, 20, 0.80, 20, 80),
    "small": (240, 1500, 8, 3, 12, 0.50, 24, 12),
}


class Gen:
    def __init__(self, shape, seed):
        (self.n, self.nopts, self.nif, self.prov, self.chain, self.confl, self.nissues,
         self.nprof) = SHAPES[shape]
        self.shape = shape
        self.r = random.Random(seed)
        self.libs = [dict(name="x%04d" % i, opts=[], depends=[], selects=[], conflicts=[],
                          provides=[], requires=[]) for i in range(self.n)]
        self.nprov = self.nif * self.prov
        self.avoid = set()  # libraries the profile must not turn on

    def lib(self, i):
        return self.libs[i]["name"]

    def chains(self):
        """Blocks of `chain` libraries, each depending on the one before it."""
        start = self.nprov
        while start + self.chain < self.n * 3 // 4:
            for j in range(start + 1, start + self.chain):
                self.libs[j]["depends"].append(self.lib(j - 1))
            start += self.chain + self.r.randrange(self.chain)

    def wiring(self):
        r = self.r
        for i in range(self.nprov):
            self.libs[i]["provides"].append("xif%d" % (i % self.nif))
        for i in range(self.nprov + 2, self.n):
            low = self.nprov + r.randrange(i - self.nprov)
            if not self.libs[i]["depends"] and r.random() < 0.4:
                self.libs[i]["depends"].append(self.lib(low) + (" || console" if r.random() < 0.3 else ""))
            if r.random() < 0.25:
                self.libs[i]["selects"].append(self.lib(self.nprov + r.randrange(i - self.nprov)))
            if r.random() < (0.5 if self.shape == "wide" else 0.05):
                self.libs[i]["requires"].append("xif%d" % r.randrange(self.nif))
        half = self.n // 2
        for _ in range(int(self.confl * half)):
            a, b = r.randrange(half, self.n), r.randrange(half, self.n)
            if a != b:
                self.libs[a]["conflicts"].append(self.lib(b))
        for _ in range(self.nif * 2):  # providers that conflict with others' users
            self.libs[r.randrange(self.nprov)]["conflicts"].append(self.lib(r.randrange(half, self.n)))

    def options(self):
        r = self.r
        left = self.nopts
        for i, l in enumerate(self.libs):
            k = left // (self.n - i)
            left -= k
            for j in range(k):
                name = "X%04d_O%d" % (i, j)
                kind = r.randrange(10) if j else 0
                o = {"name": name}
                if kind < 5:
                    o["type"] = "bool"
                    o["default"] = r.random() < 0.5
                    if j and r.random() < 0.15:
                        o["depends"] = "X%04d_O0" % i
                    if j and r.random() < 0.05:
                        o["selects"] = self.lib(self.nprov + r.randrange(self.n - self.nprov))
                elif kind < 7:
                    o.update(type="int", min=0, max=1000, default=r.randrange(1000))
                elif kind < 8:
                    o.update(type="hex", default="0x%x" % r.randrange(1 << 20))
                elif kind < 9:
                    o.update(type="choice", values=["a", "b", "c"], default="abc"[r.randrange(3)])
                else:
                    o.update(type="string", default="s%d" % r.randrange(100))
                l["opts"].append(o)

    def issues(self):
        """Real problems `kiln check` must find: dead libraries and options, never-holding
        constraints. Each kind is something people write by mistake."""
        r = self.r
        for k in range(self.nissues):
            i = self.nprov + r.randrange(self.n - self.nprov)
            l = self.libs[i]
            self.avoid.add(i)
            kind = k % 4
            if kind == 0:  # selects what it conflicts with: the library is dead
                t = self.lib(self.nprov + r.randrange(self.n - self.nprov))
                if t != l["name"]:
                    l["selects"].append(t)
                    l["conflicts"].append(t)
            elif kind == 1 and l["opts"]:  # an option depending on its own negation's twin
                o = l["opts"][0]
                if o["type"] == "bool":
                    o["depends"] = "!%s" % l["name"]
            elif kind == 2:  # depends on an interface nobody provides together with itself
                l["depends"].append("xif%d && !xif%d" % (k % self.nif, k % self.nif))
            elif l["opts"] and len(l["opts"]) > 1 and l["opts"][1]["type"] == "bool":
                l["opts"][1]["conflicts"] = l["name"]  # an option that can never be on

    def profile_libs(self):
        """`nprof` libraries that can all be on together: none pulls in (through depends
        and selects) a library with a planted issue or one conflicting with the others."""
        r = self.r
        pool = [i for i in range(self.nprov, self.n) if i not in self.avoid]
        r.shuffle(pool)
        on, reach, banned = [], set(), set(self.avoid)
        for i in pool:
            c = closure(self, [i])
            if len(on) == self.nprof or c & banned or c & self.foes(c) or c & self.foes(reach) or reach & self.foes(c):
                continue
            on.append(i)
            reach |= c
        return sorted(on)

    def foes(self, ids):
        """The libraries conflicting with any of ids, either side of the conflict."""
        out = set()
        for i in ids:
            out.update(int(n[1:]) for n in self.libs[i]["conflicts"])
        return out

    def build(self):
        self.chains()
        self.wiring()
        self.options()
        self.issues()


def expr(parts):
    return " && ".join("(%s)" % p if "||" in p else p for p in parts)


def write_lib(root, l):
    d = os.path.join(root, "libs", l["name"])
    os.makedirs(d, exist_ok=True)
    out = ['{ "kiln_catalog": 1, "name": "%s", "kind": "library", "category": "Gen/%s"'
           % (l["name"], l["name"][:3])]
    for key in ("depends", "selects", "conflicts"):
        if l[key]:
            out.append(', "%s": "%s"' % (key, expr(l[key]) if key != "conflicts"
                                         else " || ".join(l[key])))
    for key in ("provides", "requires"):
        if l[key]:
            out.append(', "%s": [%s]' % (key, ", ".join('"%s"' % v for v in l[key])))
    opts = []
    for o in l["opts"]:
        fields = []
        for k, v in o.items():
            if k == "name":
                continue
            if isinstance(v, bool):
                fields.append('"%s": %s' % (k, "true" if v else "false"))
            elif isinstance(v, int):
                fields.append('"%s": %d' % (k, v))
            elif isinstance(v, list):
                fields.append('"%s": [%s]' % (k, ", ".join('"%s"' % x for x in v)))
            else:
                fields.append('"%s": "%s"' % (k, v))
        opts.append('\n    "%s": { %s }' % (o["name"], ", ".join(fields)))
    out.append(', "options": {%s }\n}\n' % ",".join(opts))
    with open(os.path.join(d, "lib.json"), "w") as f:
        f.write("".join(out))


def write_all(g, root):
    on = g.profile_libs()
    questions = pick_questions(g, on)
    for l in g.libs:
        write_lib(root, l)
    with open(os.path.join(root, "questions"), "w") as f:
        f.write(questions)
    d = os.path.join(root, "libs", "xapp")
    os.makedirs(os.path.join(d, "src"), exist_ok=True)
    open(os.path.join(d, "src", "main.c"), "w").close()
    with open(os.path.join(d, "lib.json"), "w") as f:
        f.write('{ "kiln_catalog": 1, "name": "xapp", "kind": "app", "requires": ["libc"],'
                ' "selects": "argparse", "sources": ["src/main.c"] }\n')
    libs = ", ".join('"%s": true' % g.lib(i) for i in on)
    with open(os.path.join(root, "profile.json"), "w") as f:
        f.write('{ "kiln_profile": 1, "catalog": 1, "name": "gen-%s", "app": "xapp",\n'
                '  "targets": ["kvm-x86_64"], "libraries": { %s } }\n' % (g.shape, libs))


def closure(g, on):
    """Every library the profile's libraries can pull in through depends and selects."""
    by_name = {l["name"]: i for i, l in enumerate(g.libs)}
    seen, todo = set(on), list(on)
    while todo:
        l = g.libs[todo.pop()]
        for e in l["depends"] + l["selects"]:
            for n in re.findall(r"x\d{4}", e):
                if by_name[n] not in seen:
                    seen.add(by_name[n])
                    todo.append(by_name[n])
    return seen


def chain_down(g, i):
    """(bottom, length) of the plain depends chain under library i."""
    d = 1
    while len(g.libs[i]["depends"]) == 1 and re.fullmatch(r"x\d{4}", g.libs[i]["depends"][0]):
        i, d = int(g.libs[i]["depends"][0][1:]), d + 1
    return i, d


def new_chain(g, length):
    """A chain of `length` fresh libraries, each depending on the one before it: for shapes
    whose own chains the profile already stands on. Returns its top."""
    for k in range(length):
        g.libs.append(dict(name="x%04d" % len(g.libs), opts=[], depends=[], selects=[],
                           conflicts=[], provides=[], requires=[]))
        if k:
            g.libs[-1]["depends"].append(g.libs[-2]["name"])
    return len(g.libs) - 1


def pick_questions(g, on):
    """why: the bottom of the deepest chain a profile library stands on; why-not direct:
    a library conflicting with one the profile turned on; why-not chain: the top of the
    longest chain out of the profile's reach, whose bottom is made to conflict with it."""
    ons, reach = set(on), closure(g, on)
    by_name = {l["name"]: i for i, l in enumerate(g.libs)}
    direct = next((i for i in range(g.n) if i not in reach and
                   any(by_name.get(c) in ons for c in g.libs[i]["conflicts"])), None)
    why = max((chain_down(g, i) for i in on), key=lambda bd: bd[1])[0]
    bad = reach | g.avoid | g.foes(reach)
    tops = [i for i in range(g.nprov, g.n) if not bad & chain_ids(g, i) and clean(g, i, bad)]
    top = max(tops, key=lambda i: chain_down(g, i)[1], default=None)
    if top is None or chain_down(g, top)[1] < g.chain // 2:
        top = new_chain(g, g.chain)
    b, length = chain_down(g, top)
    # a profile library no other one pulls in: turning it off is a one-change fix
    victim = next(j for j in on if j not in closure(g, [k for k in on if k != j]))
    g.libs[b]["conflicts"].append(g.lib(victim))
    if direct is None:  # a library outside the reach made to conflict with the profile
        direct = next(i for i in range(g.n - 1, g.nprov, -1) if i not in reach)
        g.libs[direct]["conflicts"].append(g.lib(on[-1]))
    return ("WHY=%s\nWHYNOT_DIRECT=%s\nWHYNOT_CHAIN=%s\nCHAIN_LEN=%d\nFIX=%s\n"
            % (g.lib(why), g.lib(direct), g.lib(top), length, g.lib(top)))


def clean(g, i, bad):
    """Library i can be on beside the profile: nothing it pulls in is bad or in conflict."""
    c = closure(g, [i])
    return not c & bad and not c & g.foes(c) and not g.foes(c) & bad


def chain_ids(g, i):
    ids = {i}
    while len(g.libs[i]["depends"]) == 1 and re.fullmatch(r"x\d{4}", g.libs[i]["depends"][0]):
        i = int(g.libs[i]["depends"][0][1:])
        ids.add(i)
    return ids


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in SHAPES:
        sys.exit("usage: gencat.py {%s} OUTDIR [SEED]" % ",".join(SHAPES))
    g = Gen(sys.argv[1], int(sys.argv[3]) if len(sys.argv) == 4 else 16)
    g.build()
    write_all(g, sys.argv[2])


if __name__ == "__main__":
    main()
