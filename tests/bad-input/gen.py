#!/usr/bin/env python3
"""The hostile-input corpus (tests/bad-input/README.md), deterministic.

  gen.py small DIR   write the small files and every case's .expect to DIR
                     (what tests/bad-input/cases/ holds, committed)
  gen.py big DIR     write the big files (a 50 MB field, 100,000 columns, gzip
                     bombs) to DIR; the runner does this at test time

Each case is (file name, bytes or a function writing the file, expectation text);
the expectation's keys are those tests/bad-input/run.sh reads."""
import gzip
import io
import os
import random
import sys
import zlib

H = b"account,followers,likes,comments,niche\n"
R = [b"a,20000,500,10,food\n", b"b,30000,600,12,food\n", b"c,2000000,9000,100,tech\n",
     b"d,3000000,12000,90,tech\n"]
ROWS = b"".join(R)
BASE = H + ROWS  # two micro accounts, two mega ones: every command runs on it


def gz(data, mtime=0):
    b = io.BytesIO()
    with gzip.GzipFile(fileobj=b, mode="wb", mtime=mtime) as f:
        f.write(data)
    return b.getvalue()


def jl(*lines):
    return b"".join(l + b"\n" for l in lines)


J = [b'{"account":"a","followers":20000,"likes":500,"comments":10,"niche":"food"}',
     b'{"account":"b","followers":30000,"likes":600,"comments":12,"niche":"food"}',
     b'{"account":"c","followers":2000000,"likes":9000,"comments":100,"niche":"tech"}',
     b'{"account":"d","followers":3000000,"likes":12000,"comments":90,"niche":"tech"}']

rng = random.Random(16)
garbage = bytes(rng.getrandbits(8) for _ in range(4096))
# Random bytes but for NUL, quotes, CR, blanks and the other delimiters; a line end
# every 40 bytes: the rows whose field count is not the header's are rejected.
garbage_text = b"\n".join(bytes(b if b not in b'\0"\r\n\t ;' else 65 for b in garbage[i:i + 40])
                          for i in range(0, 4000, 40)) + b"\n"
_lines = garbage_text.split(b"\n")[:-1]
garbage_rejected = sum(1 for l in _lines[1:] if l.count(b",") != _lines[0].count(b","))

CASES = []


def case(name, data, expect):
    CASES.append((name, data, expect.strip() + "\n"))


# Expectation keys (run.sh): exit (inspect's status), message (in inspect's stderr),
# rows (in inspect's 'rows' line), reject (REASON: COUNT in inspect's output),
# describe / compare / export / fit (their status; default: inspect's), args (added to
# every command), rss (peak KB of inspect), note (what the file is).

# ------------------------------------------------------------ gzip
gzbase = gz(BASE)
case("gz-truncated.csv.gz", gzbase[:len(gzbase) // 2], """
note: a gzip stream cut in half
exit: 1
message: corrupt or truncated gzip data""")
case("gz-truncated-header.csv.gz", gzbase[:5], """
note: only the first 5 bytes of a gzip header
exit: 1
message: corrupt or truncated gzip data""")
case("gz-magic-only.csv.gz", b"\x1f\x8b", """
note: the two gzip magic bytes and nothing else
exit: 1
message: corrupt or truncated gzip data""")
case("gz-concatenated.csv.gz", gz(H + R[0] + R[1]) + gz(R[2] + R[3]), """
note: two gzip members (as cat a.gz b.gz makes): gzip -dc reads both
rows: 4 read, 4 kept, 0 rejected
describe: 0
compare: 0""")
bad_crc = bytearray(gzbase)
bad_crc[-8] ^= 0xFF
case("gz-bad-crc.csv.gz", bytes(bad_crc), """
note: the CRC-32 in the gzip trailer is wrong
exit: 1
message: corrupt or truncated gzip data""")
bad_len = bytearray(gzbase)
bad_len[-1] ^= 0x01
case("gz-bad-length.csv.gz", bytes(bad_len), """
note: the length in the gzip trailer is wrong
exit: 1
message: corrupt or truncated gzip data""")
mid = bytearray(gzbase)
mid[len(mid) // 2] ^= 0x55
case("gz-corrupt-middle.csv.gz", bytes(mid), """
note: one byte of the deflate stream flipped
exit: 1
message: gzip data""")
case("gz-trailing-garbage.csv.gz", gzbase + b"garbage after the stream\n", """
note: bytes after the gzip stream that are not another member
exit: 1
message: corrupt or truncated gzip data""")
case("gz-empty.csv.gz", gz(b""), """
note: a valid gzip stream of nothing
exit: 1
message: no header line (the file is empty)""")
case("gz-double.csv.gz", gz(gzbase), """
note: gzip inside gzip: the inner stream is binary
exit: 1
message: not a text file (NUL byte)""")
case("gz-name-but-plain.csv.gz", BASE, """
note: named .gz, plain text inside: read as text (detected from the bytes)
rows: 4 read, 4 kept, 0 rejected""")

# ------------------------------------------------------------ binary
case("binary-random.bin", garbage, """
note: 4 KB of random bytes
exit: 1
message: not a text file (NUL byte)""")
case("binary-random-text.csv", garbage_text, """
note: 4 KB of random bytes (no NUL) in lines of 40: read as text, no follower column
rows: 99 read, %d kept, %d rejected
reject: wrong field count: %d
describe: 1
compare: 1
fit: 1
export: 0""" % (99 - garbage_rejected, garbage_rejected, garbage_rejected))
case("nul-in-header.csv", b"account,foll\x00owers,likes,comments\na,1000,5,1\n", """
note: a NUL byte in the header
exit: 1
message: :1:13: not a text file (NUL byte)""")
case("nul-in-row.csv", H + b"a,20000,500,10,food\nb,300\x0000,600,12,food\n", """
note: a NUL byte on line 3
exit: 1
message: :3:6: not a text file (NUL byte)""")
case("utf16le.csv", "\ufeff".encode("utf-16-le") + BASE.decode().encode("utf-16-le"), """
note: UTF-16 LE with its byte-order mark
exit: 1
message: not a text file (NUL byte)""")
case("png-header.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", """
note: the first bytes of a PNG image
exit: 1
message: not a text file (NUL byte)""")

# ------------------------------------------------------------ UTF-8 and odd bytes
case("utf8-invalid-labels.csv",
     H + b"a\xff,20000,500,10,fo\xc3\x28od\nb\xc0\xaf,30000,600,12,food\xed\xa0\x80\n"
     b"c,2000000,9000,100,te\xf8ch\nd,3000000,12000,90,tech\xe2\x82\n", """
note: invalid UTF-8 in labels (a stray 0xFF, an overlong '/', a surrogate, a cut sequence)
rows: 4 read, 4 kept, 0 rejected""")
case("utf8-invalid-header.csv",
     b"acc\xffount,followers,lik\xc3es,comments,niche\n" + ROWS, """
note: invalid UTF-8 in header names (so no likes column)
rows: 4 read, 4 kept, 0 rejected
describe: 1
compare: 1
fit: 1""")
case("bom.csv", b"\xef\xbb\xbf" + BASE, """
note: a UTF-8 byte-order mark, stripped
rows: 4 read, 4 kept, 0 rejected""")
case("bom-twice.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + BASE, """
note: two byte-order marks: the second stays in the first name, so no account column
rows: 4 read, 4 kept, 0 rejected""")
case("control-chars.csv",
     H + b"a\x1b[31m,20000,500,10,fo\x07od\nb\x08,30000,600,12,\x1b]0;title\x07\n"
     b"c,2000000,9000,100,tech\x7f\nd,3000000,12000,90,te\x01ch\n", """
note: ESC sequences, BEL, backspace and DEL in labels
rows: 4 read, 4 kept, 0 rejected""")
case("label-markup.csv",
     H + b"<script>alert(1)</script>,20000,500,10,\\textbf{x}\n\"a,\"\"b\"\"\",30000,600,12,$x$ & 50%\n"
     b"c,2000000,9000,100,| pipe |\nd,3000000,12000,90,`tick`\n", """
note: HTML, LaTeX and Markdown markup in labels (must be escaped, never run)
rows: 4 read, 4 kept, 0 rejected""")

# ------------------------------------------------------------ header
case("empty.csv", b"", """
note: an empty file
exit: 1
message: no header line (the file is empty)""")
case("only-newlines.csv", b"\n\n\n\n", """
note: four empty lines
exit: 1
message: no header line (the file holds only blank lines)""")
case("only-bom.csv", b"\xef\xbb\xbf", """
note: a byte-order mark and nothing else
exit: 1
message: no header line (the file is empty)""")
case("only-spaces.csv", b"   \n \t \n", """
note: blanks only (libcsv trims them: no field at all)
exit: 1
message: :1:1: no header line (the file holds only blank lines)""")
case("header-only.csv", H, """
note: a header and no rows
rows: 0 read, 0 kept, 0 rejected
describe: 1
compare: 1
fit: 1""")
case("header-only-nonl.csv", H[:-1], """
note: a header without its line end
rows: 0 read, 0 kept, 0 rejected
describe: 1
compare: 1
fit: 1""")
case("one-row.csv", H + b"a,20000,500,10,food\n", """
note: one data row
rows: 1 read, 1 kept, 0 rejected
describe: 0""")
case("header-repeated-names.csv", b"x,x,x.1,x,followers,likes,comments\n1,2,3,4,20000,500,10\n", """
note: repeated header names (made unique as R's make.unique)
rows: 1 read, 1 kept, 0 rejected
stdout: duplicate column name 'x' (column 4) renamed to 'x.3'
describe: 0""")
case("header-empty-names.csv", b",,,followers,likes,comments\n1,2,3,20000,500,10\n", """
note: empty header names become V1, V2, ...
rows: 1 read, 1 kept, 0 rejected
describe: 0""")
case("header-repeated-in-body.csv", H + R[0] + R[1] + H + R[2] + R[3], """
note: the header line again in the middle (concatenated exports)
rows: 5 read, 4 kept, 1 rejected
reject: repeated header line: 1
describe: 0
compare: 0""")
case("header-two-followers.csv", b"account,followers,followers,likes,comments\na,20000,1,500,10\n", """
note: two columns named followers: the second is followers.1
rows: 1 read, 1 kept, 0 rejected
describe: 0""")

# ------------------------------------------------------------ quotes
case("quote-unterminated.csv", H + b'a,20000,500,10,"food\nb,30000,600,12,food\n', """
note: a quote opened on line 2 never closed
exit: 1
message: :2:5: unterminated quoted field at end of file""")
case("quote-only.csv", b'"', """
note: one double quote
exit: 1
message: unterminated quoted field at end of file""")
case("quote-nested.csv", H + b'a,20000,500,10,"fo"o"d"\nb,30000,600,12,"a ""b"" c"\n', """
note: quotes inside a quoted field, doubled and not
rows: 2 read, 2 kept, 0 rejected
describe: 0""")
case("quote-stray.csv", H + b'a,20000,500,10,5\'10"\nb,30000,600,12,say "hi"\n', """
note: stray quotes inside unquoted fields (5'10")
rows: 2 read, 2 kept, 0 rejected
describe: 0""")
case("quote-newlines.csv", H + b'a,20000,500,10,"fo\nod"\n"b\r\nx",30000,600,12,food\n' + R[2] + R[3], """
note: line breaks inside quoted fields
rows: 4 read, 4 kept, 0 rejected""")
case("quote-after-text.csv", H + b'a,20000,500,10,"food"junk\nb,30000,600,12,"x",\n', """
note: text after a closing quote: the quote was not closing (libcsv, lenient), so the
note: field runs on to the next quote and two lines make one row, rejected and counted
rows: 1 read, 0 kept, 1 rejected
reject: wrong field count: 1
describe: 1
compare: 1
fit: 1""")
case("quote-number.csv", H + b'a,"20000","500","10",food\nb," 30000 ",600,12,food\n', """
note: quoted numbers, one with blanks around it
rows: 2 read, 2 kept, 0 rejected
describe: 0""")

# ------------------------------------------------------------ delimiters
case("delim-mixed.csv", H + b"a;20000;500;10;food\nb,30000,600,12,food\nc\t2000000\t9000\t100\ttech\n", """
note: rows separated by ';' and tabs under a comma header
rows: 3 read, 1 kept, 2 rejected
reject: wrong field count: 2
describe: 0""")
case("delim-ragged.csv", H + b"a,20000,500\nb,30000,600,12,food,extra,more\nc,2000000,9000,100,tech\n", """
note: rows with too few and too many fields
rows: 3 read, 1 kept, 2 rejected
reject: wrong field count: 2
describe: 0""")
case("delim-trailing.csv", H + b"a,20000,500,10,food,\nb,30000,600,12,food,\n", """
note: every row ends in a delimiter (one field too many): all rejected
rows: 2 read, 0 kept, 2 rejected
reject: wrong field count: 2
describe: 1
compare: 1
fit: 1
export: 0""")
case("delim-pipe.csv", BASE.replace(b",", b"|"), """
note: '|'-separated: one text column, no followers
rows: 4 read, 4 kept, 0 rejected
describe: 1
compare: 1
fit: 1""")
case("delim-semicolon-decimal.csv",
     b"account;followers;likes;comments\na;20000;500,5;10\nb;30000;600,25;12\n", """
note: ';' with decimal commas (read.csv2)
rows: 2 read, 2 kept, 0 rejected
describe: 0""")
case("delim-tab.tsv", BASE.replace(b",", b"\t"), """
note: tab-separated
rows: 4 read, 4 kept, 0 rejected""")
case("separator-lines.csv", H + b"----------\n" + ROWS + b"=====\n", """
note: separator lines (----, ====)
rows: 6 read, 4 kept, 2 rejected
reject: separator line: 2""")

# ------------------------------------------------------------ line ends
case("eol-crlf.csv", BASE.replace(b"\n", b"\r\n"), """
note: CRLF line ends
rows: 4 read, 4 kept, 0 rejected""")
case("eol-cr.csv", BASE.replace(b"\n", b"\r"), """
note: CR line ends (classic Mac)
rows: 4 read, 4 kept, 0 rejected""")
case("eol-cr-rejects.csv", b"account,followers,likes,comments\ra,0,1,1\rb,2000,1,1\rc,x,1,\"1\r\r\"\rd,0,1,1\r", """
note: CR line ends, rejected rows on lines 2, 4 (a quoted field with two CRs: lines 4-6) and 7:
note: each named by its line (all were line 1)
rows: 4 read, 1 kept, 3 rejected
reject: followers zero or negative: 2
reject: unparsable number in followers: 1
stdout: followers zero or negative          2           2             2
stdout: unparsable number in followers      1           4             2""")
case("eol-mixed.csv", H.replace(b"\n", b"\r\n") + b"a,20000,500,10,food\rb,30000,600,12,food\n"
     b"c,2000000,9000,100,tech\r\nd,3000000,12000,90,tech", """
note: CRLF, CR and LF mixed, no final line end
rows: 4 read, 4 kept, 0 rejected""")
case("eol-lfcr.csv", BASE.replace(b"\n", b"\n\r"), """
note: LF CR line ends (a CR at the start of each line)
rows: 4 read, 4 kept, 0 rejected""")
case("eol-blank-lines.csv", H + b"\n\n" + R[0] + b"\r\n\r\n" + R[1] + R[2] + R[3] + b"\n\n", """
note: blank lines between rows
rows: 4 read, 4 kept, 0 rejected""")

# ------------------------------------------------------------ numbers
def nums(name, note, cells, rows, rejects, describe="0", compare="0", fit="0", export="0"):
    data = b"account,followers,likes,comments\n" + b"".join(
        b"a%d,%s\n" % (i, c) for i, c in enumerate(cells))
    text = "note: %s\nrows: %s\n" % (note, rows)
    text += "".join("reject: %s\n" % r for r in rejects)
    text += "describe: %s\ncompare: %s\nfit: %s\nexport: %s\n" % (describe, compare, fit, export)
    case(name, data, text)


nums("num-1e400.csv", "1e400 overflows a double", [b"1e400,5,1", b"20000,1e400,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["number out of range in followers: 1", "number out of range in likes: 1"])
nums("num-1e-400.csv", "1e-400 underflows to 0", [b"1e-400,5,1", b"20000,1e-400,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["number out of range in followers: 1", "number out of range in likes: 1"])
nums("num-minus-zero.csv", "-0 is 0 (as R): zero followers rejected, -0 likes kept",
     [b"-0,5,1", b"20000,-0,1", b"20000,-0.0,1"], "3 read, 2 kept, 1 rejected",
     ["followers zero or negative: 1"])
nums("num-hex.csv", "0x10 is not a number here (strtod would read it)",
     [b"0x10,5,1", b"20000,0x10,1", b"20000,5,1"], "3 read, 1 kept, 2 rejected",
     ["unparsable number in followers: 1", "unparsable number in likes: 1"])
nums("num-dots.csv", "1.2.3M and 1..2 are not numbers", [b"1.2.3M,5,1", b"20000,1..2,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["unparsable number in followers: 1", "unparsable number in likes: 1"])
nums("num-inf-nan.csv", "inf, Infinity, -inf are not counts; nan and NaN are missing (R's NA)",
     [b"inf,5,1", b"Infinity,5,1", b"nan,5,1", b"20000,NaN,1", b"20000,-inf,1", b"20000,5,1"],
     "6 read, 2 kept, 4 rejected",
     ["unparsable number in followers: 2", "followers missing: 1", "unparsable number in likes: 1"])
nums("num-negative-followers.csv", "negative followers", [b"-20000,5,1", b"-1,5,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["followers zero or negative: 2"])
nums("num-zero-followers.csv", "zero followers", [b"0,5,1", b"0.0,5,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["followers zero or negative: 2"])
nums("num-negative-likes.csv", "negative likes and comments", [b"20000,-5,1", b"20000,5,-1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["negative count in likes: 1", "negative count in comments: 1"])
nums("num-missing-followers.csv", "empty and NA followers", [b",5,1", b"NA,5,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["followers missing: 2"])
nums("num-huge.csv", "20-digit counts (no overflow: a double)",
     [b"99999999999999999999,5,1", b"20000,99999999999999999999,1"], "2 read, 2 kept, 0 rejected", [])
nums("num-signs.csv", "a leading + and leading zeros", [b"+20000,+5,1", b"0020000,005,01"],
     "2 read, 2 kept, 0 rejected", [])
nums("num-text.csv", "words where counts go", [b"many,5,1", b"20000,lots,1", b"20000,5,1"],
     "3 read, 1 kept, 2 rejected", ["unparsable number in followers: 1", "unparsable number in likes: 1"])
nums("num-all-rejected.csv", "every row rejected, each for another reason",
     [b"0,5,1", b"-3,5,1", b"x,5,1", b",5,1", b"1e400,5,1", b"20000,-1,1"], "6 read, 0 kept, 6 rejected",
     ["followers zero or negative: 2", "unparsable number in followers: 1", "followers missing: 1",
      "number out of range in followers: 1", "negative count in likes: 1"], describe="1", compare="1",
     fit="1")

# ------------------------------------------------------------ JSON Lines
case("jsonl-valid.jsonl", jl(*J), """
note: valid JSON Lines (the baseline of the others)
rows: 4 read, 4 kept, 0 rejected""")
case("jsonl-truncated.jsonl", jl(*J[:3]) + J[3][:30], """
note: the last object cut off (no closing brace, no line end)
exit: 1
message: :4:31: invalid JSON""")
case("jsonl-not-object.jsonl", jl(J[0], b"[1,2]", b"3", b'"x"', b"null", J[1]), """
note: lines that are JSON but not objects
rows: 6 read, 2 kept, 4 rejected
reject: not a JSON object: 4
describe: 0""")
case("jsonl-trailing-comma.jsonl", jl(J[0], b'{"account":"b","followers":30000,}'), """
note: a trailing comma in an object
exit: 1
message: :2:""")
case("jsonl-garbage-line.jsonl", jl(J[0], b"this is not json", J[1]), """
note: a line of plain text between objects
exit: 1
message: :2:1: invalid JSON""")
case("jsonl-two-per-line.jsonl", jl(J[0] + J[1], J[2]), """
note: two objects on one line
exit: 1
message: :1:""")
case("jsonl-unterminated-string.jsonl", jl(J[0], b'{"account":"b,"followers":30000}'), """
note: a string without its closing quote
exit: 1
message: :2:""")
case("jsonl-bad-escape.jsonl", jl(J[0], b'{"account":"b\\x41","followers":30000,"likes":1,"comments":1}'), """
note: an invalid escape (\\x41)
exit: 1
message: :2:""")
case("jsonl-nul-escape.jsonl",
     jl(J[0], b'{"account":"b\\u0000c","followers":30000,"likes":600,"comments":12,"niche":"fo\\u0000od"}'), """
note: \\u0000 inside strings (a NUL in a label): replaced by U+FFFD, noted (it cut the label short)
rows: 2 read, 2 kept, 0 rejected
stdout: line 2: a \\u0000 (NUL) in a string is replaced by U+FFFD
describe: 0""")
case("jsonl-surrogates.jsonl",
     jl(J[0], b'{"account":"\\ud800","followers":30000,"likes":600,"comments":12,"niche":"\\udfff\\ud83d"}'), """
note: lone UTF-16 surrogates in escapes
rows: 2 read, 2 kept, 0 rejected
describe: 0""")
case("jsonl-invalid-utf8.jsonl",
     jl(J[0], b'{"account":"b\xff","followers":30000,"likes":600,"comments":12,"niche":"f\xc3\x28"}'), """
note: invalid UTF-8 inside strings: kept as bytes (as in a CSV), replaced in outputs
rows: 2 read, 2 kept, 0 rejected""")
case("jsonl-big-numbers.jsonl",
     jl(J[0], b'{"account":"b","followers":1e400,"likes":600,"comments":12}',
        b'{"account":"c","followers":30000,"likes":-1e400,"comments":12}'), """
note: 1e400 and -1e400 as JSON numbers
rows: 3 read, 1 kept, 2 rejected
reject: number out of range in followers: 1
reject: number out of range in likes: 1
describe: 0""")
case("jsonl-mixed-types.jsonl",
     jl(J[0], b'{"account":"b","followers":"30000","likes":600,"comments":12}',
        b'{"account":"c","followers":true,"likes":600,"comments":12}',
        b'{"account":"d","followers":{"n":5},"likes":600,"comments":12}',
        b'{"account":"e","followers":[1,2],"likes":600,"comments":12}',
        b'{"account":"f","followers":null,"likes":600,"comments":12}'), """
note: followers as a string, true, an object, an array, null
rows: 6 read, 2 kept, 4 rejected
reject: unparsable number in followers: 2
reject: followers missing: 2
describe: 0""")
case("jsonl-duplicate-keys.jsonl", jl(b'{"account":"a","followers":1,"followers":20000,"likes":500,"comments":10}'), """
note: a key twice in one object
rows: 1 read, 1 kept, 0 rejected
describe: 0""")
case("jsonl-blank-lines.jsonl", b"\n" + jl(J[0]) + b"\n   \n\r\n" + jl(J[1]) + b"\n", """
note: blank lines (and a CR-only one) between objects
rows: 2 read, 2 kept, 0 rejected
describe: 0""")
case("jsonl-crlf.jsonl", jl(*J).replace(b"\n", b"\r\n"), """
note: CRLF line ends
rows: 4 read, 4 kept, 0 rejected""")
case("jsonl-deep.jsonl", jl(J[0], b'{"account":"b","x":' + b"[" * 20000 + b"]" * 20000 + b"}",
                           b'{"account":"c","y":' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}"), """
note: arrays nested 20,000 deep and objects 5,000 deep
rows: 3 read, 1 kept, 2 rejected
reject: followers missing: 2
describe: 0""")
case("jsonl-late-key.jsonl", jl(b'{"account":"a","followers":20000}', b'{"account":"b","followers":30000,"likes":600}'), """
note: a key first seen on the second line
rows: 2 read, 2 kept, 0 rejected
describe: 1
compare: 1
fit: 1""")
case("jsonl-empty-object.jsonl", jl(b"{}", b"{}"), """
note: empty objects only
exit: 1
message: :1:1: no header line (no object has a key)""")
case("jsonl-bom.jsonl", b"\xef\xbb\xbf" + jl(*J), """
note: a byte-order mark before the first object
rows: 4 read, 4 kept, 0 rejected""")
case("jsonl-gz-truncated.jsonl.gz", gz(jl(*J))[:60], """
note: gzip-compressed JSON Lines cut off
exit: 1
message: gzip data""")


# ------------------------------------------------------------ big (made at test time)
BIG = []


def big(name, expect):
    BIG.append(name)
    case(name, None, expect)


def w_field_50mb(f):
    f.write(H + R[0] + R[1] + b"c,2000000,9000,100," + b"x" * (50 << 20) + b"\n" + R[3])


def w_wide(n):
    def w(f):
        f.write(b"followers,likes,comments," + b",".join(b"c%d" % i for i in range(n - 3)) + b"\n")
        rest = b",1" * (n - 3)
        for fol in (20000, 30000, 2000000):
            f.write(b"%d,5,1%s\n" % (fol, rest))
    return w


def w_commas(f):
    f.write(H + R[0] + R[1] + b"," * (20 << 20) + b"\n" + R[2] + R[3])


def gz_bomb(head, tail):
    """A writer of head, 100 MiB of 'y' and tail, gzip-compressed (about 100 KB)."""
    def w(f):
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        f.write(z.compress(head))
        chunk = b"y" * (1 << 20)
        for _ in range(100):
            f.write(z.compress(chunk))
        f.write(z.compress(tail) + z.flush())
    return w


w_bomb_field = gz_bomb(H + ROWS + b'e,5000,1,1,"', b'"\n')
w_bomb_line = gz_bomb(H + ROWS + b"e,5000,1,1,", b"")


def w_bomb_rows(f):
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    f.write(z.compress(H))
    block = ROWS * 25000
    for _ in range(40):  # 4 million rows, 190 MB of text in 180 KB
        f.write(z.compress(block))
    f.write(z.flush())


w_bomb_jsonl = gz_bomb(jl(*J) + b'{"account":"', b'"}\n')


def w_repeated(f):
    f.write(b",".join([b"x"] * 20000) + b",followers,likes,comments\n" + b",".join([b"1"] * 20000) +
            b",20000,500,10\n")


def w_cr_chunk(f):
    """CR line ends with a CRLF across the loader's 1 MiB chunks, then a rejected row."""
    chunk = 1 << 20
    body = b"account,followers,likes,comments\r"
    i = 0
    while len(body) < chunk - 40:
        body += b"a%d,1000,1,1\r" % i
        i += 1
    need = chunk - 1 - len(body)
    body += b"p,1000,1," + b"1" * (need - 9) + b"\r\n"
    assert body[chunk - 1:chunk + 1] == b"\r\n"
    f.write(body + b"z,0,1,1\r")


CR_CHUNK_LINE = 66229  # the line of z: 1 + the CRs (the CRLF counted once)


def w_jsonl_lines(f):
    for i in range(40000):
        f.write(J[i % 4] + b"\n")


def w_many_rows_rejected(f):
    f.write(H + b"a,0,500,10,food\n" * 200000)


BIG_WRITERS = {
    "field-50mb.csv": w_field_50mb,
    "wide-100000.csv": w_wide(100000),
    "wide-100001.csv": w_wide(100001),
    "commas-20m.csv": w_commas,
    "bomb-field.csv.gz": w_bomb_field,
    "bomb-line.csv.gz": w_bomb_line,
    "bomb-rows.csv.gz": w_bomb_rows,
    "bomb-jsonl.jsonl.gz": w_bomb_jsonl,
    "header-20000-x.csv": w_repeated,
    "rejected-200k.csv": w_many_rows_rejected,
    "jsonl-rowcap-lines.jsonl": w_jsonl_lines,
    "eol-cr-chunk.csv": w_cr_chunk,
}

big("field-50mb.csv", """
note: a 50 MB field (under the 64 MiB row cap): kept
rows: 4 read, 4 kept, 0 rejected
rss: 700000""")
big("field-50mb-capped.csv", """
note: the same 50 MB field with --max-row-mb 10
args: --max-row-mb 10
exit: 1
message: :4: a row longer than 10 MiB
rss: 60000""")
BIG_WRITERS["field-50mb-capped.csv"] = w_field_50mb
big("wide-100000.csv", """
note: 100,000 columns (the default cap)
rows: 3 read, 3 kept, 0 rejected
describe: 0
rss: 400000""")
big("wide-100001.csv", """
note: 100,001 columns: over --max-columns
exit: 1
message: :1: 100001 columns, more than --max-columns 100000
rss: 60000""")
big("commas-20m.csv", """
note: a line of 20 million commas between rows
rows: 5 read, 4 kept, 1 rejected
reject: wrong field count: 1
rss: 100000""")
big("bomb-field.csv.gz", """
note: gzip bomb: 100 KB holding a 100 MB quoted field
exit: 1
message: :6: a row longer than 64 MiB
rss: 250000""")
big("bomb-line.csv.gz", """
note: gzip bomb: a 100 MB line without its end
exit: 1
message: :6: a row longer than 64 MiB
rss: 250000""")
big("bomb-jsonl.jsonl.gz", """
note: gzip bomb: a JSON string of 100 MB
exit: 1
message: :5: a row longer than 64 MiB
rss: 250000""")
big("bomb-rows.csv.gz", """
note: gzip bomb of valid rows (4 million rows in 180 KB) with --max-memory-mb 32
args: --max-memory-mb 32
exit: 1
message: would exceed --max-memory-mb 32 (set a larger value
rss: 90000""")
big("header-20000-x.csv", """
note: 20,000 header cells all named x (renamed in linear time)
rows: 1 read, 1 kept, 0 rejected
describe: 0
rss: 200000""")
big("jsonl-rowcap-lines.jsonl", """
note: 3 MB of short JSON Lines with --max-row-mb 1: the cap is per line (it counted the
note: lines held before their rows were handed on, so this stopped at line 1)
args: --max-row-mb 1
rows: 40000 read, 40000 kept, 0 rejected""")
big("eol-cr-chunk.csv", """
note: CR line ends, a CRLF split across the loader's 1 MiB chunks, then a rejected row on
note: line 66229 (1 + the CRs, the CRLF counted once)
rows: 66228 read, 66227 kept, 1 rejected
reject: followers zero or negative: 1
stdout: followers zero or negative      1       66229             2
describe: 0
compare: 0
fit: 0""")
big("rejected-200k.csv", """
note: 200,000 rows, every one rejected (zero followers)
rows: 200000 read, 0 kept, 200000 rejected
reject: followers zero or negative: 200000
describe: 1
compare: 1
fit: 1
export: 0
rss: 100000""")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("small", "big"):
        sys.exit(__doc__)
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, data, expect in CASES:
        if sys.argv[1] == "small":
            with open(os.path.join(out, name + ".expect"), "w") as f:
                f.write(expect)
            if data is not None:
                with open(os.path.join(out, name), "wb") as f:
                    f.write(data)
        elif name in BIG_WRITERS:
            with open(os.path.join(out, name), "wb") as f:
                BIG_WRITERS[name](f)


if __name__ == "__main__":
    main()
