#!/usr/bin/env python3
"""Writes reporters.json and courts.json of this folder from the reporters-db
and courts-db wheels, and copies their BSD-2 licenses beside them.

Usage (from the repository root):

    pip download reporters-db courts-db --no-deps -d /tmp/pipdl
    python3 data/reporters/generate.py /tmp/pipdl

The output is compact, sorted JSON so that a regeneration diffs cleanly.
Only the fields the citation extractor reads are kept: reporter editions with
their years and variant spellings, and court citation strings with their
courts-db ids. laws.json (codes and rule sets) is curated by hand and is not
touched here.
"""

import glob
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def wheel(folder, name):
    paths = sorted(glob.glob(os.path.join(folder, name + "-*.whl")))
    if not paths:
        sys.exit(f"no {name} wheel in {folder}")
    return zipfile.ZipFile(paths[-1]), os.path.basename(paths[-1])


def member(zf, suffix):
    for info in zf.infolist():
        if info.filename.endswith(suffix):
            return zf.read(info.filename).decode("utf-8")
    sys.exit(f"{suffix} missing from wheel")


def year(stamp):
    return int(stamp[:4]) if stamp else None


def reporters(zf, source):
    raw = json.loads(member(zf, "reporters_db/data/reporters.json"))
    out = []
    for key in sorted(raw):
        for entry in raw[key]:
            editions = [
                {"abbreviation": ed, "start": year(d.get("start")), "end": year(d.get("end"))}
                for ed, d in sorted(entry["editions"].items())
            ]
            out.append({
                "abbreviation": key,
                "name": entry.get("name", ""),
                "cite_type": entry.get("cite_type", ""),
                "editions": editions,
                "variations": dict(sorted(entry.get("variations", {}).items())),
            })
    return {"source": source, "reporters": out}


def courts(zf, source, editions):
    """Courts with a citation string. A court's `cites` (the reporters it
    alone publishes in) are kept only when reporters-db knows the edition:
    courts-db lists "nh" for New Hampshire, which is no reporter."""
    raw = json.loads(member(zf, "courts_db/data/courts.json"))
    out = []
    for court in sorted(raw, key=lambda c: c["id"]):
        cite = (court.get("citation_string") or "").strip()
        if not cite:
            continue
        row = {"id": court["id"], "citation_string": cite, "name": court.get("name", "")}
        known = [c for c in court.get("cites", []) if c in editions]
        if known:
            row["reporters"] = known
        out.append(row)
    return {"source": source, "courts": out}


def write(name, value):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pipdl"
    rdb, rname = wheel(folder, "reporters_db")
    cdb, cname = wheel(folder, "courts_db")
    reps = reporters(rdb, rname)
    editions = {ed["abbreviation"] for r in reps["reporters"] for ed in r["editions"]}
    write("reporters.json", reps)
    write("courts.json", courts(cdb, cname, editions))
    for zf, lic in ((rdb, "LICENSE-reporters-db"), (cdb, "LICENSE-courts-db")):
        with open(os.path.join(HERE, lic), "w", encoding="utf-8") as f:
            f.write(member(zf, "licenses/LICENSE"))


if __name__ == "__main__":
    main()
