#!/usr/bin/env python3
"""Check that notebooks are stored stripped (make check-notebooks).

Usage: tests/notebooks_check.py stripped NOTEBOOK...
         every code cell has no outputs and execution_count null, every cell has
         empty metadata, and the notebook's metadata holds only kernelspec
         (python3) and language_info; fails naming the notebook and cell
       tests/notebooks_check.py executed NOTEBOOK...
         every code cell ran (execution_count set) and none has an error output
       tests/notebooks_check.py strip NOTEBOOK...
         rewrite each NOTEBOOK stripped (after working in it with Jupyter)
Standard library only.
"""
import json
import sys


def cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    return nb, nb.get("cells", [])


def check_stripped(path):
    errors = []
    nb, cs = cells(path)
    extra = set(nb.get("metadata", {})) - {"kernelspec", "language_info"}
    if extra:
        errors.append(f"{path}: notebook metadata has {', '.join(sorted(extra))} (strip it)")
    ks = nb.get("metadata", {}).get("kernelspec", {})
    if ks.get("name") != "python3":
        errors.append(f"{path}: kernelspec is {ks.get('name')!r}, not 'python3'")
    for i, c in enumerate(cs, 1):
        where = f"{path}: cell {i} ({c.get('cell_type')})"
        if c.get("metadata"):
            errors.append(f"{where}: has metadata {sorted(c['metadata'])}")
        if c.get("cell_type") == "code":
            if c.get("outputs"):
                errors.append(f"{where}: has {len(c['outputs'])} saved outputs")
            if c.get("execution_count") is not None:
                errors.append(f"{where}: execution_count is {c['execution_count']}, not null")
    return errors


def check_executed(path):
    errors = []
    _, cs = cells(path)
    for i, c in enumerate(cs, 1):
        if c.get("cell_type") != "code":
            continue
        if c.get("execution_count") is None:
            errors.append(f"{path}: cell {i} did not run")
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                errors.append(f"{path}: cell {i} raised {o.get('ename')}: {o.get('evalue')}")
    return errors


def strip(path):
    nb, cs = cells(path)
    nb["metadata"] = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                      "language_info": {"name": "python"}}
    for c in cs:
        c["metadata"] = {}
        if c.get("cell_type") == "code":
            c["outputs"] = []
            c["execution_count"] = None
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return []


def main(argv):
    if len(argv) < 3 or argv[1] not in ("stripped", "executed", "strip"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "strip":
        for p in argv[2:]:
            strip(p)
        print(f"notebooks_check: {len(argv) - 2} notebooks stripped in place")
        return 0
    check = check_stripped if argv[1] == "stripped" else check_executed
    errors = [e for p in argv[2:] for e in check(p)]
    for e in errors:
        print("notebooks_check:", e, file=sys.stderr)
    if not errors:
        print(f"notebooks_check: {len(argv) - 2} notebooks {argv[1]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
