# Niche names that are markup, TeX commands, shell commands and a path
# (tests/data/report-hostile.csv, made by tests/data/report-hostile.py) are text in
# every output: nothing is executed, nothing is written outside -o DIR, no file is
# named after a label; HTML, LaTeX and Markdown carry them escaped.  The report suite
# (make check-report) renders this report in Chromium and compiles it with pdflatex.
valgrind: skip
args: report tests/data/report-hostile.csv -o $TMP/rep --min-n 5 --boot 50 --perm 99
stdout-contains: report: 
stdout-contains: characters pdflatex cannot set
check: [ ! -e /tmp/es-report-pwned1 ] && [ ! -e /tmp/es-report-pwned2 ] && [ ! -e /tmp/es-report-pwned3 ]
check: [ "$(ls -A $TMP | tr '\n' ' ')" = "got.err got.out rep want.err want.out " ]
check: [ -z "$(find . $TMP/.. -path ./build -prune -o -name '*es-report-x*' -print 2>/dev/null)" ] && [ ! -e ../es-report-x ] && [ ! -e ../../es-report-x ]
check: ! (cd $TMP/rep && find . | LC_ALL=C grep -v '^[A-Za-z0-9_./-]*$')
check: grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' $TMP/rep/report.html && ! grep -qi '<script' $TMP/rep/report.html
check: grep -qF '&quot;; system(&quot;touch /tmp/es-report-pwned3&quot;) #' $TMP/rep/report.html && grep -qF '>美食<' $TMP/rep/report.html && grep -qF 'travel 🌍' $TMP/rep/report.html
check: grep -qF '\textbackslash{}input\{/etc' $TMP/rep/report.tex && grep -qF '\textbackslash{}write18\{to' $TMP/rep/report.tex && ! grep -qF '\input{/etc' $TMP/rep/report.tex && ! grep -qF '\write18' $TMP/rep/report.tex
check: grep -qF '\$(touch /tmp' $TMP/rep/report.tex && grep -qF '\textquotedbl{}; system(\textquotedbl{}to' $TMP/rep/report.tex && grep -qF '\textless{}script\textgreater{}' $TMP/rep/report.tex
check: grep -qF '{[}U+7F8E{]}{[}U+98DF{]}' $TMP/rep/report.tex && grep -qF 'travel {[}U+1F30D{]}' $TMP/rep/report.tex && grep -qF '../../es-re\allowbreak{}port-x' $TMP/rep/report.tex
check: grep -qF '| \<script\>alert(1)\</script\> |' $TMP/rep/report.md && grep -qF '| \\input\{/etc/passwd\} |' $TMP/rep/report.md && grep -qF '| \\write18\{touch /tmp/es-report-pwned1\} |' $TMP/rep/report.md && grep -qF '| 美食 |' $TMP/rep/report.md && grep -qF '| \$(touch /tmp/es-report-pwned2) |' $TMP/rep/report.md
check: python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=set(r[2] for r in d["tables"]["describe_niche.describe"]["rows"]); assert "\\input{/etc/passwd}" in n and "<script>alert(1)</script>" in n and "\u7f8e\u98df" in n, n' $TMP/rep/results.json
check: ! grep -lF 'system(' $TMP/rep/figures/*.gp
