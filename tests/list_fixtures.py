#!/usr/bin/env python3
"""Print the golden fixtures, one per line, for tests/meson.build.

A fixture is a journey file (or a folder of them, for workspace rules)
next to a NAME.expected file holding the exact output of `check`.
Listing them here at configure time gives one meson test per fixture;
re-run `meson setup --reconfigure` after adding one.
"""
import os
import sys

root = sys.argv[1]
for group in sorted(os.listdir(root)):
    gdir = os.path.join(root, group)
    if not os.path.isdir(gdir):
        continue
    for name in sorted(os.listdir(gdir)):
        stem, ext = os.path.splitext(name)
        if ext == ".expected":
            target = stem + ".xml" if os.path.exists(os.path.join(gdir, stem + ".xml")) else stem
            print(group + "/" + target)
