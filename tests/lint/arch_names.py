#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every name ARCHITECTURE.md quotes in backticks exists in the tree, so
the map cannot drift from the code unnoticed (issue 17 #7).

usage: arch_names.py ROOT [DOC]   (DOC defaults to ROOT/ARCHITECTURE.md)
       arch_names.py --self-test ROOT

What is checked, by the shape of the quoted text:
- a path (has a '/' or ends in a file extension; NAME and * are
  wildcards): a file or folder of that name exists (a bare file name is
  looked for anywhere in the tree);
- `struct x` or `enum x`: a definition `struct x {` / `enum x {` exists;
- a C identifier with an underscore, or followed by () or []: it occurs as
  a word in the sources (C, CMake and the tests' shell scripts).
Plain words (commands, statuses, keys, options) are prose and not checked.
Exits 1 naming each missing one with its line."""
import glob, os, re, sys, tempfile

EXT = re.compile(r"\.(c|h|md|txt|sh|py|supp)$")
IDENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\(\)|\[\])?$")
TYPE = re.compile(r"^(struct|enum) ([A-Za-z_][A-Za-z0-9_]*)$")


def sources(root):
    text = []
    paths = glob.glob(os.path.join(root, "CMakeLists.txt"))
    for top in ("src", "include", "tests"):
        paths += glob.glob(os.path.join(root, top, "**", "*.[ch]"), recursive=True)
        paths += glob.glob(os.path.join(root, top, "**", "CMakeLists.txt"), recursive=True)
        paths += glob.glob(os.path.join(root, top, "**", "*.sh"), recursive=True)
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text.append(f.read())
    return "\n".join(text)


def path_exists(root, span):
    pat = span.rstrip("/").replace("NAME", "*")
    if "/" in pat:
        hits = glob.glob(os.path.join(root, pat))
        if not hits and pat.startswith(".."):  # beside the checkout: not ours to check
            return True
        return bool(hits)
    return bool(glob.glob(os.path.join(root, "**", pat), recursive=True))


def missing(root, doc):
    code = sources(root)
    out = []
    with open(doc, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_fence = False
    for no, line in enumerate(lines, 1):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for span in re.findall(r"`([^`]+)`", line):
            span = span.strip()
            t = TYPE.match(span)
            m = IDENT.match(span)
            if t:
                ok = re.search(r"\b%s %s\s*\{" % (t.group(1), t.group(2)), code)
            elif m and ("_" in m.group(1) or m.group(2)) and not EXT.search(span):
                ok = re.search(r"\b%s\b" % re.escape(m.group(1)), code)
            elif ("/" in span or EXT.search(span)) and " " not in span and "=" not in span:
                ok = path_exists(root, span)
            else:
                continue
            if not ok:
                out.append("%s:%d: `%s` is not in the code" % (os.path.basename(doc), no, span))
    return out


def self_test(root):
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as f:
        f.write("`ring_write` `struct session` `src/audio/ring.c` `cli_*.c`\n"
                "`no_such_function_xyz()` `struct no_such_type` `src/no/such.c` `nope_*.c`\n")
    try:
        got = missing(root, f.name)
    finally:
        os.unlink(f.name)
    want = ["`no_such_function_xyz()`", "`struct no_such_type`", "`src/no/such.c`", "`nope_*.c`"]
    bad = len(got) != len(want) or any(w not in g for w, g in zip(want, got))
    print("\n".join(got))
    print("self-test:", "FAIL" if bad else "ok")
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "--self-test":
        return self_test(argv[2])
    root = argv[1]
    doc = argv[2] if len(argv) > 2 else os.path.join(root, "ARCHITECTURE.md")
    bad = missing(root, doc)
    for b in bad:
        print(b)
    print("%d name%s missing" % (len(bad), "" if len(bad) == 1 else "s"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
