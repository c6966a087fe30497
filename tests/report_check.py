#!/usr/bin/env python3
"""report_check.py DIR: check a report written by `engagestat report FILE -o DIR`.

Parts (each can be skipped):
  html        report.html parsed with html.parser: tags balanced, no <script>, no
              event-handler attributes or javascript: URLs, <table>s that agree with
              report.md and report.tex (numbered captions, rows as wide as the header),
              one <img src="data:image/png;base64,..."> per DIR/figures/fig*.png holding
              that file's bytes; --expect-text TEXT must be in the page's text (a label
              shown as text, not read as markup).
  screenshot  report.html rendered by headless Chromium to DIR/report-screenshot.png
              (kept there for a human to look at), decoded here (zlib and the five PNG
              filters): not blank (a share of non-white pixels), dark text, and
              coloured areas (the figures) in at least half as many separate places as
              there are figures (0.1% of the page at least).
  pdf         DIR copied to a temporary directory, report.tex compiled twice with
              pdflatex -halt-on-error -interaction=nonstopmode -no-shell-escape
              -recorder: exit 0, a PDF, no Overfull \\hbox wider than 10pt (each one
              reported), no "Missing character", no bitmap (PK) font, and no file read
              or written outside that directory and the TeX installation (pdflatex's
              .fls record: \\input{/etc/passwd} from a label would show there).
              --keep-pdf copies the PDF to DIR/report-check.pdf.
Exit status 0 when every part run passed, 1 naming each failure, 2 for usage.
Python 3 standard library only.  Needs chromium and pdflatex for those parts
(scripts/install-deps.sh installs them).
"""
import argparse
import base64
import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

failures = []


def fail(part, msg):
    failures.append(f"{part}: {msg}")
    print(f"FAIL {part}: {msg}", file=sys.stderr)


def info(part, msg):
    print(f"report_check {part}: {msg}")


# ------------------------------------------------------------------ HTML structure

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.tables = []       # per table: {"caption": str, "head": n, "rows": [n, ...]}
        self.imgs = []         # (figure id, src)
        self.text = []
        self.figure_id = None
        self.in_caption = False
        self.row = None
        self.section = None    # thead / tbody

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.errors.append(f"<script> at {self.where()}")
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append(f"event attribute {k}= on <{tag}> at {self.where()}")
            if k in ("href", "src", "action") and v and v.strip().lower().startswith(("javascript:", "vbscript:")):
                self.errors.append(f"{k}={v[:40]!r} on <{tag}> at {self.where()}")
        if tag == "table":
            self.tables.append({"caption": "", "head": 0, "rows": []})
        elif tag == "caption":
            self.in_caption = True
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row = 0
        elif tag in ("td", "th") and self.row is not None:
            self.row += 1
        elif tag == "figure":
            self.figure_id = a.get("id")
        elif tag == "img":
            self.imgs.append((self.figure_id, a.get("src") or ""))
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.errors.append(f"</{tag}> closes nothing at {self.where()}")
            return
        top, opened = self.stack[-1]
        if top != tag:
            self.errors.append(f"</{tag}> at {self.where()} closes <{top}> opened at {opened}")
            # recover: pop up to the matching tag if there is one
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    break
            return
        self.stack.pop()
        if tag == "caption":
            self.in_caption = False
        elif tag == "tr" and self.tables and self.row is not None:
            t = self.tables[-1]
            if self.section == "thead":
                t["head"] = self.row
            else:
                t["rows"].append(self.row)
            self.row = None
        elif tag == "figure":
            self.figure_id = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_caption and self.tables:
            self.tables[-1]["caption"] += data


def check_html(d, expect_text):
    part = "html"
    path = os.path.join(d, "report.html")
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except (OSError, UnicodeDecodeError) as e:
        fail(part, f"{path}: {e}")
        return 0
    if re.search(r"<\s*script", src, re.I):
        fail(part, f"{path}: the text '<script' is in the file")
    p = Checker()
    p.feed(src)
    p.close()
    for e in p.errors:
        fail(part, f"{path}: {e}")
    for tag, opened in p.stack:
        fail(part, f"{path}: <{tag}> opened at {opened} is never closed")
    # tables: numbered captions, rows as wide as their header
    for i, t in enumerate(p.tables, 1):
        if not t["caption"].startswith(f"Table {i}."):
            fail(part, f"{path}: table {i}'s caption does not begin 'Table {i}.': {t['caption'][:60]!r}")
        if t["head"] == 0 or not t["rows"]:
            fail(part, f"{path}: table {i} has no header or no rows")
        bad = [n for n in t["rows"] if n != t["head"]]
        if bad:
            fail(part, f"{path}: table {i}: {len(bad)} rows not {t['head']} cells wide")
    # the same tables in the Markdown and the LaTeX
    n_tab = len(p.tables)
    try:
        md = open(os.path.join(d, "report.md"), encoding="utf-8").read()
        n_md = len(re.findall(r"^\*\*Table \d+\.\*\*", md, re.M))
        if n_md != n_tab:
            fail(part, f"{n_tab} tables in report.html, {n_md} in report.md")
    except OSError as e:
        fail(part, f"report.md: {e}")
    try:
        tex = open(os.path.join(d, "report.tex"), encoding="utf-8").read()
        n_tex = len(re.findall(r"\\begin\{(?:tabular|longtable)\}", tex))
        if n_tex != n_tab:
            fail(part, f"{n_tab} tables in report.html, {n_tex} in report.tex")
    except OSError as e:
        fail(part, f"report.tex: {e}")
    if n_tab == 0:
        fail(part, f"{path}: no <table>")
    # figures: one embedded PNG per DIR/figures/fig*.png, holding that file
    pngs = sorted(f for f in os.listdir(os.path.join(d, "figures")) if re.fullmatch(r"fig\d+\.png", f)) \
        if os.path.isdir(os.path.join(d, "figures")) else []
    if len(p.imgs) != len(pngs):
        fail(part, f"{path}: {len(p.imgs)} <img> for {len(pngs)} files figures/fig*.png")
    seen = set()
    for fid, srcv in p.imgs:
        pre = "data:image/png;base64,"
        if not srcv.startswith(pre):
            fail(part, f"{path}: figure {fid}: <img src> is not {pre}...: {srcv[:40]!r}")
            continue
        try:
            data = base64.b64decode(srcv[len(pre):], validate=True)
        except ValueError as e:
            fail(part, f"{path}: figure {fid}: bad base64: {e}")
            continue
        if not fid or not re.fullmatch(r"figures/fig\d+", fid):
            fail(part, f"{path}: <figure> id {fid!r} is not figures/figN")
            continue
        seen.add(os.path.basename(fid) + ".png")
        try:
            on_disk = open(os.path.join(d, fid + ".png"), "rb").read()
        except OSError as e:
            fail(part, f"{path}: figure {fid}: {e}")
            continue
        if data != on_disk:
            fail(part, f"{path}: figure {fid}: the embedded PNG differs from {fid}.png")
    for f in pngs:
        if f not in seen:
            fail(part, f"{path}: figures/{f} is not embedded")
    text = "".join(p.text)
    for t in expect_text:
        if t not in text:
            fail(part, f"{path}: the text {t!r} is not shown as text")
    info(part, f"{n_tab} tables, {len(p.imgs)} embedded figures, {len(src)} bytes")
    return len(pngs)


# ------------------------------------------------------------------ PNG decoding

def decode_png(data):
    """(width, height, bytes per pixel, rows) of an 8-bit greyscale/RGB/GA/RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    p, idat, ihdr = 8, [], None
    while p + 8 <= len(data):
        n, = struct.unpack(">I", data[p:p + 4])
        kind, body = data[p + 4:p + 8], data[p + 8:p + 8 + n]
        p += 12 + n
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if ihdr is None:
        raise ValueError("no IHDR chunk")
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (0, 2, 4, 6) or interlace:
        raise ValueError(f"unsupported PNG: bit depth {depth}, colour type {ctype}, interlace {interlace}")
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    if len(raw) != h * (stride + 1):
        raise ValueError(f"{len(raw)} bytes of image data for {w}x{h}")
    nbits = stride * 8
    lo7 = int.from_bytes(b"\x7f" * stride, "big")
    hi1 = int.from_bytes(b"\x80" * stride, "big")

    def add(a, b):  # bytewise a + b mod 256 on whole rows held as integers
        return ((a & lo7) + (b & lo7)) ^ ((a ^ b) & hi1)

    rows, prev = [], bytes(stride)
    for y in range(h):
        off = y * (stride + 1)
        f, cur = raw[off], raw[off + 1:off + 1 + stride]
        if f == 0:                       # None
            row = cur
        elif f == 1:                     # Sub: a prefix sum along the row, in log steps
            x, s = int.from_bytes(cur, "big"), bpp * 8
            while s < nbits:
                x = add(x, x >> s)
                s *= 2
            row = x.to_bytes(stride, "big")
        elif f == 2:                     # Up
            row = add(int.from_bytes(cur, "big"), int.from_bytes(prev, "big")).to_bytes(stride, "big")
        elif f == 3:                     # Average
            r = bytearray(cur)
            for i in range(stride):
                r[i] = (r[i] + (((r[i - bpp] if i >= bpp else 0) + prev[i]) >> 1)) & 255
            row = bytes(r)
        elif f == 4:                     # Paeth
            if not any(cur) and prev.count(prev[:bpp]) * bpp == stride:
                row = prev               # a row of one colour under a row of one colour
            else:
                r = bytearray(cur)
                for i in range(stride):
                    if i >= bpp:
                        a, c = r[i - bpp], prev[i - bpp]
                    else:
                        a = c = 0
                    b = prev[i]
                    pp = a + b - c
                    pa, pb, pc = abs(pp - a), abs(pp - b), abs(pp - c)
                    r[i] = (r[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                row = bytes(r)
        else:
            raise ValueError(f"row {y}: unknown filter type {f}")
        rows.append(row)
        prev = row
    return w, h, bpp, rows


def _table(pred):
    return bytes(1 if pred(i) else 0 for i in range(256))


NONWHITE = _table(lambda v: v < 245)
DARK = _table(lambda v: v < 90)
# A coloured pixel: one channel above a level + 20 and another below it - 20, at one
# of four levels (so pale fills count as well as saturated lines; greys never do).
LEVELS = [(_table(lambda v, t=t: v > t + 20), _table(lambda v, t=t: v < t - 20)) for t in (60, 110, 160, 210)]


def pixel_stats(w, bpp, rows):
    """Per row: (non-white, dark, coloured) pixel counts."""
    out = []
    for row in rows:
        if bpp < 3:  # grey: no colour
            g = int.from_bytes(row[0::bpp].translate(NONWHITE), "big")
            dk = int.from_bytes(row[0::bpp].translate(DARK), "big")
            out.append((g.bit_count(), dk.bit_count(), 0))
            continue
        ch = [row[k::bpp] for k in range(3)]
        nw = [int.from_bytes(c.translate(NONWHITE), "big") for c in ch]
        dk = [int.from_bytes(c.translate(DARK), "big") for c in ch]
        col = 0
        for high, low in LEVELS:
            hi = [int.from_bytes(c.translate(high), "big") for c in ch]
            lo = [int.from_bytes(c.translate(low), "big") for c in ch]
            for i in range(3):
                for j in range(3):
                    if i != j:
                        col |= hi[i] & lo[j]
        out.append(((nw[0] | nw[1] | nw[2]).bit_count(), (dk[0] & dk[1] & dk[2]).bit_count(), col.bit_count()))
    return out


def check_screenshot(d, n_figures, args):
    part = "screenshot"
    chromium = shutil.which(args.chromium)
    if chromium is None:
        fail(part, f"{args.chromium} is not installed (scripts/install-deps.sh installs chromium)")
        return
    html_path = os.path.abspath(os.path.join(d, "report.html"))
    out = os.path.join(d, "report-screenshot.png")
    height = args.height
    with tempfile.TemporaryDirectory(prefix="report-check-chromium.") as prof:
        env = dict(os.environ, HOME=prof, XDG_CONFIG_HOME=prof, XDG_CACHE_HOME=prof)
        while True:
            if os.path.exists(out):
                os.remove(out)
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + prof,
                   f"--window-size={args.width},{height}", "--screenshot=" + os.path.abspath(out),
                   "file://" + html_path]
            try:
                r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   env=env, timeout=120)
            except subprocess.TimeoutExpired:
                fail(part, f"chromium did not finish in 120 s: {' '.join(cmd)}")
                return
            if r.returncode != 0 or not os.path.exists(out):
                tail = r.stdout.decode("utf-8", "replace").strip().splitlines()[-5:]
                fail(part, f"chromium exit {r.returncode}, no {out}: " + " | ".join(tail))
                return
            try:
                w, h, bpp, rows = decode_png(open(out, "rb").read())
            except (ValueError, zlib.error, OSError) as e:
                fail(part, f"{out}: {e}")
                return
            stats = pixel_stats(w, bpp, rows)
            used = [y for y, s in enumerate(stats) if s[0] > 0]
            last = used[-1] if used else -1
            # the page reaches the bottom of the window: take a taller one
            if last >= h - 40 and height < args.max_height:
                height = min(height * 2, args.max_height)
                continue
            break
    if last < 0:
        fail(part, f"{out}: the screenshot is blank (all white)")
        return
    if last >= h - 40:
        info(part, f"the page is taller than {h} px: only the top {h} px were checked")
    page = stats[:last + 1]
    n_px = w * len(page)
    nonwhite = sum(s[0] for s in page)
    dark = sum(s[1] for s in page)
    colour = sum(s[2] for s in page)
    # coloured places: runs of rows with coloured pixels (split by 20 rows without),
    # counted when they hold 500 coloured pixels (a broken-image icon holds ~30)
    runs, gap = [], 10 ** 9
    for s in page:
        if s[2] >= 3:
            if gap >= 20:
                runs.append(0)
            runs[-1] += s[2]
            gap = 0
        else:
            gap += 1
    places = sum(1 for r in runs if r >= 500)
    share = nonwhite / n_px
    info(part, f"{out}: {w}x{h}, page {last + 1} px tall; non-white {100 * share:.1f}%, dark "
         f"{100 * dark / n_px:.2f}%, coloured {100 * colour / n_px:.2f}%, {places} coloured places "
         f"for {n_figures} figures")
    if share < args.min_nonwhite:
        fail(part, f"{out}: only {100 * share:.1f}% of the page is not white (want >= {100 * args.min_nonwhite:.0f}%)")
    if dark / n_px < 0.002:
        fail(part, f"{out}: hardly any dark pixels ({100 * dark / n_px:.3f}%): no text shown")
    # a figure may be mostly grey (points, lines) and two may share a run: half of them
    if n_figures and (places < (n_figures + 1) // 2 or colour / n_px < 0.001):
        fail(part, f"{out}: coloured areas in {places} places for {n_figures} figures "
             f"({100 * colour / n_px:.3f}% of the page): the figures are not shown")


# ------------------------------------------------------------------ pdflatex

TEX_DIRS = ("/usr/share/texlive/", "/usr/share/texmf/", "/usr/share/texmf-dist/", "/var/lib/texmf/",
            "/etc/texmf/", "/usr/local/share/texmf/", "/usr/share/fonts/")


def check_pdf(d, args):
    part = "pdf"
    pdflatex = shutil.which(args.pdflatex)
    if pdflatex is None:
        fail(part, f"{args.pdflatex} is not installed (scripts/install-deps.sh installs texlive-latex-base)")
        return
    with tempfile.TemporaryDirectory(prefix="report-check-tex.") as tmp:
        work = os.path.join(tmp, "report")
        shutil.copytree(d, work)
        cmd = [pdflatex, "-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape", "-recorder", "report.tex"]
        for run in (1, 2):
            try:
                r = subprocess.run(cmd, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=180)
            except subprocess.TimeoutExpired:
                fail(part, f"pdflatex run {run} did not finish in 180 s")
                return
            if r.returncode != 0:
                err = [l for l in r.stdout.decode("utf-8", "replace").splitlines() if l.startswith("!")][:3]
                fail(part, f"pdflatex run {run} exit {r.returncode}: {' | '.join(err) or 'see report.log'}")
                return
        pdf = os.path.join(work, "report.pdf")
        if not os.path.exists(pdf) or open(pdf, "rb").read(5) != b"%PDF-":
            fail(part, "pdflatex made no report.pdf")
            return
        log = open(os.path.join(work, "report.log"), encoding="latin-1").read()
        over = re.findall(r"^Overfull \\hbox \(([\d.]+)pt too wide\) (.*)$", log, re.M)
        wide = [(float(pt), where) for pt, where in over if float(pt) > args.max_overfull]
        for pt, where in wide:
            fail(part, f"Overfull \\hbox {pt:g}pt too wide {where}")
        for m in re.findall(r"^Missing character: .*$", log, re.M):
            fail(part, m)
        # every file pdflatex read or wrote: in the work directory or the TeX installation
        outside, bitmap = [], set()
        for line in open(os.path.join(work, "report.fls"), encoding="utf-8", errors="replace"):
            kind, _, name = line.rstrip("\n").partition(" ")
            if kind not in ("INPUT", "OUTPUT"):
                continue
            full = os.path.normpath(os.path.join(work, name))
            if name.endswith("pk") and re.search(r"\.\d+pk$", name):
                bitmap.add(os.path.basename(name))
                continue
            if full.startswith(work + os.sep) or (kind == "INPUT" and full.startswith(TEX_DIRS)):
                continue
            outside.append(f"{kind} {name}")
        for b in sorted(bitmap):
            fail(part, f"bitmap font {b} (a font with no Type 1 version installed: blurred text, made in $HOME)")
        for o in sorted(set(outside)):
            fail(part, f"pdflatex touched a file outside the report: {o}")
        pages = re.search(r"Output written on report\.pdf \((\d+) pages?", log)
        info(part, f"report.pdf: {pages.group(1) if pages else '?'} pages, {os.path.getsize(pdf)} bytes; "
             f"{len(over)} overfull hboxes, {len(wide)} wider than {args.max_overfull:g}pt")
        if args.keep_pdf:
            shutil.copyfile(pdf, os.path.join(d, "report-check.pdf"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("dir", help="the report's directory (engagestat report ... -o DIR)")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML structure checks")
    ap.add_argument("--no-screenshot", action="store_true", help="skip the Chromium screenshot")
    ap.add_argument("--no-pdf", action="store_true", help="skip compiling report.tex")
    ap.add_argument("--keep-pdf", action="store_true", help="copy the PDF to DIR/report-check.pdf")
    ap.add_argument("--expect-text", action="append", default=[], metavar="TEXT",
                    help="TEXT must be in the HTML page's text (repeatable)")
    ap.add_argument("--chromium", default="chromium", help="the browser (default chromium)")
    ap.add_argument("--pdflatex", default="pdflatex", help="default pdflatex")
    ap.add_argument("--width", type=int, default=1100, help="window width in px (1100)")
    ap.add_argument("--height", type=int, default=12000, help="first window height in px (12000; doubled "
                    "while the page reaches the bottom, up to --max-height)")
    ap.add_argument("--max-height", type=int, default=48000, help="(48000)")
    ap.add_argument("--min-nonwhite", type=float, default=0.04, help="least share of non-white pixels (0.04)")
    ap.add_argument("--max-overfull", type=float, default=10.0, help="widest Overfull \\hbox allowed, pt (10)")
    args = ap.parse_args()
    d = args.dir.rstrip("/") or "/"
    if not os.path.isfile(os.path.join(d, "report.html")):
        print(f"report_check: {d}/report.html: no such file", file=sys.stderr)
        return 2
    n_figures = len([f for f in os.listdir(os.path.join(d, "figures")) if re.fullmatch(r"fig\d+\.png", f)]) \
        if os.path.isdir(os.path.join(d, "figures")) else 0
    if not args.no_html:
        check_html(d, args.expect_text)
    if not args.no_screenshot:
        check_screenshot(d, n_figures, args)
    if not args.no_pdf:
        check_pdf(d, args)
    if failures:
        print(f"report_check {d}: {len(failures)} failed:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(f"report_check {d}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
