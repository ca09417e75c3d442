#!/usr/bin/env python3
"""tests/bench/readme_figures.py: the README's figure table, made from `make bench` output.

  readme_figures.py --record LOG...   merge the sections of LOG (make bench's output, or one
                                      bench's) into tests/bench/figures.log, the recorded
                                      run, then rewrite the README's table from it
  readme_figures.py --check           exit 1 when README.md's table is not what the recorded
                                      run gives (tests/host/cli.sh runs this)
  readme_figures.py --table [LOG]     print the table

So no figure in the README is typed by hand: each one is a line some bench printed. A
section starts at a line "bench-NAME: ..." (or "xen: ...", "menu start-up ...", "resolver
bench: ...") and holds the lines under it. Another system's figure is printed by the bench
as "quoted X" and lands in its own column with the bench's "quoted:" footnote as source,
never beside kiln's as if measured in the same run.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
# Other files for the test of this script (tests/host/figures.sh).
RECORD = os.environ.get("FIGURES_RECORD", os.path.join(HERE, "figures.log"))
README = os.environ.get("FIGURES_README", os.path.join(TOP, "README.md"))
BEGIN = "<!-- figures: made by tests/bench/readme_figures.py from tests/bench/figures.log -->"
END = "<!-- figures: end -->"


def section_name(line):
    """The section a line opens, or None."""
    m = re.match(r"(bench-[a-z]+):", line)
    if m:
        return m.group(1) + ":" + line.split(":", 1)[1].split("(")[0].split(",")[0].strip()
    if line.startswith("resolver bench:"):
        return "bench-resolver"
    if line.startswith("menu start-up"):
        return "bench-menu"
    if line.startswith("xen: Xen + dom0"):
        return "bench-xen"
    return None


def sections(text):
    """[(name, [lines])] in order; later sections of the same name replace earlier ones."""
    out, cur = {}, None
    for line in text.splitlines():
        if re.match(r"(make|rc \d|\[)", line):
            continue
        name = section_name(line)
        if name:
            cur = out.setdefault(name, [])
            cur.clear()
        if cur is not None:
            cur.append(line)
    return out


def cells(line):
    """(figure, value, quoted, goal) of a bench row, or None."""
    if line.startswith("xen: "):
        parts = re.split(r"\s{2,}", line[5:].strip(), maxsplit=1)
        return (parts[0], parts[1], "", "") if len(parts) == 2 else None
    if line.startswith("menu start-up"):
        what, value = line.split(":", 1)
        return what, value.strip(), "", ""
    if not line.startswith("  ") or line.startswith("  ("):
        return None
    parts = re.split(r"\s{2,}|\s(?=goal )", line.strip())
    if len(parts) < 2 or parts[0].startswith(("goal:", "quoted:")):
        return None
    quoted = next((p[7:] for p in parts[2:] if p.startswith("quoted ")), "")
    goal = next((p[5:] for p in parts[2:] if p.startswith("goal ")), "")
    rest = [p for p in parts[2:] if not p.startswith(("quoted ", "goal "))]
    value = parts[1] + ("; " + "; ".join(rest) if rest else "")
    return parts[0], value, quoted, goal


def columns(lines):
    """Rows of a columnar table (a header line "  catalog libs ..."), one figure per timed
    column: [(figure, value)]."""
    head, out = None, []
    for line in lines:
        words = line.split()
        if words[:1] == ["catalog"]:
            head = words
            out.append((None, line))
        elif head and line.startswith("  ") and len(re.split(r"\s{2,}", line.strip())) == len(head):
            vals = re.split(r"\s{2,}", line.strip())
            out.append((None, line))
            for k in ("load", "encode", "resolve", "toggle"):
                out.append(("%s, %s catalog (%s libraries, %s options), in process" %
                            (k, vals[0], vals[1], vals[2]), vals[head.index(k)] + " ms"))
        else:
            head = None
    return out


def table(secs):
    rows = ["| bench | figure | measured | goal | quoted (other systems, not measured here) |",
            "| --- | --- | --- | --- | --- |"]
    notes = []
    for name, lines in secs.items():
        bench = name.split(":")[0]
        title = name.split(":", 1)[1] if ":" in name else ""
        done = set()
        for fig, value in columns(lines):
            if fig is None:
                done.add(value)
            else:
                rows.append("| `%s` | %s | %s |  |  |" % (bench, esc(fig), esc(value)))
        for line in lines:
            if line in done:
                continue
            if line.strip().startswith("quoted:"):
                notes.append("Quoted in `%s`: %s" % (bench, line.strip()[7:].strip()))
                continue
            c = cells(line)
            if c:
                if re.fullmatch(r"[0-9.]+", c[1].split(";")[0]) and "milliseconds" in lines[0]:
                    c = (c[0], re.sub(r"^([0-9.]+)", r"\1 ms", c[1]), c[2], c[3])
                fig = "%s (%s)" % (c[0].strip(), title) if title else c[0].strip()
                rows.append("| `%s` | %s | %s | %s | %s |" % (
                    bench, esc(fig), esc(c[1]), esc(c[2 + 1]), esc(c[2])))
    return "\n".join(rows + [""] + notes) + "\n"


def esc(s):
    return s.replace("|", "\\|")


def block(secs):
    return BEGIN + "\n" + table(secs) + END


def readme_with(readme, secs):
    if BEGIN not in readme or END not in readme:
        sys.exit("readme_figures.py: README.md has no %s ... %s block" % (BEGIN, END))
    head, rest = readme.split(BEGIN, 1)
    return head + block(secs) + rest.split(END, 1)[1]


def render(secs):
    return "\n".join(line for lines in secs.values() for line in lines) + "\n"


def main(argv):
    if argv[:1] == ["--record"] and len(argv) > 1:
        secs = sections(open(RECORD).read()) if os.path.exists(RECORD) else {}
        for log in argv[1:]:
            secs.update(sections(open(log).read()))
        with open(RECORD, "w") as f:
            f.write(render(secs))
        with open(README) as f:
            text = readme_with(f.read(), secs)
        with open(README, "w") as f:
            f.write(text)
    elif argv == ["--check"]:
        with open(README) as f:
            text = f.read()
        if readme_with(text, sections(open(RECORD).read())) != text:
            sys.exit("readme_figures.py: README.md's figures are not tests/bench/figures.log's:"
                     " run tests/bench/readme_figures.py --record LOG")
    elif argv[:1] == ["--table"] and len(argv) <= 2:
        sys.stdout.write(table(sections(open(argv[1] if len(argv) == 2 else RECORD).read())))
    else:
        sys.exit(__doc__.split("\n\n")[1])


if __name__ == "__main__":
    main(sys.argv[1:])
