#!/usr/bin/env python3
"""Two report directories hold the same bytes, but for the command line that made them
(its -o and --threads differ): results.json compared without settings.command_line,
report.md/.html/.tex without the lines that quote it, report.docx (pandoc's zip)
member by member without the paragraphs that quote it.  Usage: report_same.py A B"""
import io, json, os, re, sys, zipfile

a, b = sys.argv[1:3]
def files(d):
    return sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs)
fa, fb = files(a), files(b)
if fa != fb:
    sys.exit("report_same: different files: %s" % sorted(set(fa) ^ set(fb)))
bad = []
for f in fa:
    x, y = (open(os.path.join(d, f), "rb").read() for d in (a, b))
    if f == "results.json":
        x, y = json.loads(x), json.loads(y)
        for j in (x, y):
            j["settings"].pop("command_line", None)
    elif f.endswith(".docx"):
        # pandoc's zip: every member, the document without the paragraphs quoting the command
        def members(z):
            with zipfile.ZipFile(io.BytesIO(z)) as zf:
                out = {}
                for n in zf.namelist():
                    data = zf.read(n)
                    if n == "word/document.xml":
                        data = re.sub(rb"<w:p>(?:(?!</w:p>).)*engagestat report (?:(?!</w:p>).)*</w:p>", b"", data, flags=re.S)
                    out[n] = data
                return out
        x, y = members(x), members(y)
    elif f.startswith("report."):
        x, y = ([l for l in z.split(b"\n") if b"engagestat report " not in l] for z in (x, y))
    if x != y:
        bad.append(f)
if bad:
    sys.exit("report_same: differ: " + ", ".join(bad))
print("report_same: %d files identical" % len(fa))
