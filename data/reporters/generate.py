#!/usr/bin/env python3
"""Writes reporters.json, journals.json, statutes.json and courts.json of this
folder from the reporters-db and courts-db wheels, and copies their BSD-2
licenses beside them.

Usage (from the repository root):

    pip download reporters-db courts-db --no-deps -d /tmp/pipdl
    python3 data/reporters/generate.py /tmp/pipdl

The output is compact, sorted JSON so that a regeneration diffs cleanly.
Only the fields the citation extractor reads are kept: reporter editions with
their years and variant spellings, journals with their spellings, the codes of
reporters-db's laws.json whose citation pattern the extractor knows (see
LAW_FORMS), the rules of procedure and evidence of every state, and court
citation strings with their courts-db ids. laws.json (federal codes and rule
sets) is curated by hand and is not touched here; no generated code takes a
spelling it uses.
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


def journals(zf, source):
    raw = json.loads(member(zf, "reporters_db/data/journals.json"))
    out = []
    for key in sorted(raw):
        for entry in raw[key]:
            out.append({
                "abbreviation": key,
                "name": entry.get("name", ""),
                "cite_type": "journal",
                "editions": [{"abbreviation": key, "start": year(entry.get("start")),
                              "end": year(entry.get("end"))}],
                "variations": {v: key for v in sorted(entry.get("variations", [])) if v != key},
            })
    return {"source": source, "reporters": out}


# reporters-db law patterns (after `$reporter` is put for the code) and the
# form lexgraph parses them with; patterns not listed are not extracted.
LAW_FORMS = [
    (r"(?P<title>\d+) $reporter § $law_section", "titled"),
    (r"(?P<chapter>\d+) $reporter,? § $law_section", "titled"),
    (r"$reporter tit\. (?P<title>\d+), § $law_section", "titled"),
    (r"$reporter § $law_section", "sectioned"),
    (r"$reporter ch\. (?P<chapter>\d+), § $law_section", "chapter"),
    (r"$volume $reporter $page_with_commas", "volume"),
    (r"$law_year $reporter $page_with_commas", "volume"),
    (r"(?P<issue>\d+) $reporter $page_with_commas", "volume"),
]

# Codes cited as `PREFIX SUBJECT SUFFIX § SECTION` (`N.Y. Ins. Law § 3212`).
SUBJECT_FORMS = {
    r"(?P<reporter>N\.Y\. $law_subject Law) § $law_section": ("N.Y. Law", "N.Y.", "Law"),
    r"(?P<reporter>Cal\. $law_subject Code) § $law_section": ("Cal. Code", "Cal.", "Code"),
    r"(?P<reporter>Tex\. $law_subject Code Ann\.) § $law_section": ("Tex. Code Ann.", "Tex.", "Code Ann."),
}

# Codes whose reporters-db key is not the spelling opinions use.
PREFERRED = {"FR": "Fed. Reg."}

LAW_KINDS = {
    "leg_statute": "statute", "leg_session": "statute", "leg_act": "statute",
    "admin_compilation": "regulation", "admin_register": "regulation",
}


def statutes(zf, source):
    """Generated codes: reporters-db's laws in the forms lexgraph parses,
    then the states' rules of procedure and evidence."""
    curated = json.load(open(os.path.join(HERE, "laws.json"), encoding="utf-8"))["laws"]
    taken = {s for law in curated for s in [law["code"], *law.get("variants", [])]}
    raw = json.loads(member(zf, "reporters_db/data/laws.json"))
    out = []
    for key in sorted(raw):
        for entry in raw[key]:
            kind = LAW_KINDS.get(entry.get("cite_type"))
            regexes = entry.get("regexes", [])
            subject = next((SUBJECT_FORMS[r] for r in regexes if r in SUBJECT_FORMS), None)
            form = next((f for pattern, f in LAW_FORMS for r in regexes if r == pattern), None)
            if key == "Pub. L.":
                form = "public_law"
            if kind is None or (form is None and subject is None):
                continue
            spellings = [PREFERRED.get(key, key), *entry.get("variations", []), key]
            spellings = list(dict.fromkeys(spellings))
            if subject:
                spellings = [subject[1]]
            spellings = [s for s in spellings if s not in taken]
            if not spellings:
                continue
            taken.update(spellings)
            law = {"code": subject[0] if subject else spellings[0], "name": entry.get("name", ""),
                   "kind": kind, "form": "subject" if subject else form,
                   "section_sign": any("§" in r for r in regexes),
                   "variants": spellings[1:] if not subject else []}
            if subject:
                law["prefix"], law["suffix"] = subject[1], subject[2]
                law["variants"] = [subject[1]]
            out.append(law)
    states = json.loads(member(zf, "reporters_db/data/state_abbreviations.json"))
    sets = [("R. Civ. P.", "Rules of Civil Procedure"), ("R. Crim. P.", "Rules of Criminal Procedure"),
            ("R. Evid.", "Rules of Evidence"), ("R. App. P.", "Rules of Appellate Procedure")]
    for abbr, name in sorted(states.items()):
        for rules, title in sets:
            code = f"{abbr} {rules}"
            variants = sorted({code.replace(" ", ""), f"{abbr} {rules.replace(' ', '')}"} - {code} - taken)
            if code in taken:
                continue
            taken.update([code, *variants])
            out.append({"code": code, "name": f"{name} {title}", "kind": "rule",
                        "form": "numbered", "variants": variants})
    return {"source": source, "laws": out}


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
    write("journals.json", journals(rdb, rname))
    write("statutes.json", statutes(rdb, rname))
    write("courts.json", courts(cdb, cname, editions))
    for zf, lic in ((rdb, "LICENSE-reporters-db"), (cdb, "LICENSE-courts-db")):
        with open(os.path.join(HERE, lic), "w", encoding="utf-8") as f:
            f.write(member(zf, "licenses/LICENSE"))


if __name__ == "__main__":
    main()
