"""GLEIF golden copy at full size: records/s and peak RSS of ``enforcegraph gleif``.

Writes a synthetic Level 1 file (default 2.8 million LEI records, the golden copy's size
in 2024, in its CSV layout) and a Level 2 file (default 700,000 relationships), makes a
store of synthetic firms (``enforcegraph synth``), then runs in separate processes:

- the floor: the same four passes (Level 1, Level 2 twice, Level 1) with ``csv.reader``
  and nothing else;
- ``enforcegraph gleif LEVEL1 LEVEL2``: the linker, its report and the write.

Each process reports its own wall time and peak RSS (``ru_maxrss``). One firm in ten
has a record with its name and country, half of those have an EU subsidiary and one in
five a group; one filler record in ten shares a word with the firms' names, so the
linker computes that many full name keys (as common words do in the real file).

    python -m benchmarks.gleif_bench                      # full size (about 1.2 GB of CSV)
    python -m benchmarks.gleif_bench --entities 100000 --relationships 25000 --firms 2000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

LEVEL1_HEADER = [
    "LEI", "Entity.LegalName", "Entity.LegalName.xmllang",
    *(f"Entity.OtherEntityNames.OtherEntityName.{n}{s}" for n in (1, 2) for s in ("", ".xmllang", ".type")),
    *(f"Entity.{kind}.{part}" for kind in ("LegalAddress", "HeadquartersAddress")
      for part in ("xmllang", "FirstAddressLine", "AddressNumber", "AdditionalAddressLine.1", "City",
                   "Region", "Country", "PostalCode")),
    "Entity.RegistrationAuthority.RegistrationAuthorityID",
    "Entity.RegistrationAuthority.RegistrationAuthorityEntityID", "Entity.LegalJurisdiction",
    "Entity.EntityCategory", "Entity.LegalForm.EntityLegalFormCode", "Entity.LegalForm.OtherLegalForm",
    "Entity.EntityStatus", "Entity.EntityCreationDate", "Registration.InitialRegistrationDate",
    "Registration.LastUpdateDate", "Registration.RegistrationStatus", "Registration.NextRenewalDate",
    "Registration.ManagingLOU", "Registration.ValidationSources", "ConformityFlag",
]
RR_HEADER = [
    "Relationship.StartNode.NodeID", "Relationship.StartNode.NodeIDType", "Relationship.EndNode.NodeID",
    "Relationship.EndNode.NodeIDType", "Relationship.RelationshipType", "Relationship.RelationshipStatus",
    "Registration.InitialRegistrationDate", "Registration.LastUpdateDate", "Registration.RegistrationStatus",
    "Registration.NextRenewalDate", "Registration.ManagingLOU", "Registration.ValidationSources",
    *(f"Relationship.Period.{n}.{p}" for n in (1, 2, 3) for p in ("startDate", "endDate", "periodType")),
]
EU = ["AT", "BE", "DE", "ES", "FR", "IE", "IT", "LU", "NL", "PL", "SE"]
SYLLABLES = ["ka", "lo", "ri", "ven", "ta", "mor", "del", "sa", "bri", "on", "tek", "va", "nor", "ex", "ul"]
FORMS = ["GmbH", "Ltd", "S.A.", "B.V.", "Inc.", "S.r.l.", "AB", "SAS", "LLC", "Oy"]


def _lei(prefix: str, n: int) -> str:
    return f"{prefix}{n:014d}00"[:20]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _level1_row(lei: str, name: str, country: str, city: str) -> list[str]:
    row = dict.fromkeys(LEVEL1_HEADER, "")
    row.update({"LEI": lei, "Entity.LegalName": name, "Entity.LegalName.xmllang": "en",
                "Entity.LegalAddress.FirstAddressLine": "1 Example Street", "Entity.LegalAddress.City": city,
                "Entity.LegalAddress.Country": country, "Entity.LegalAddress.PostalCode": "1000",
                "Entity.HeadquartersAddress.City": city, "Entity.HeadquartersAddress.Country": country,
                "Entity.LegalJurisdiction": country, "Entity.EntityCategory": "GENERAL",
                "Entity.LegalForm.EntityLegalFormCode": "8888", "Entity.EntityStatus": "ACTIVE",
                "Registration.InitialRegistrationDate": "2018-01-03T00:00:00.000Z",
                "Registration.LastUpdateDate": "2024-01-03T00:00:00.000Z",
                "Registration.RegistrationStatus": "ISSUED", "Registration.ManagingLOU": "5493001KJTIIGC8Y1R12"})
    return list(row.values())


def _rr_row(child: str, parent: str, kind: str, start: str) -> list[str]:
    row = dict.fromkeys(RR_HEADER, "")
    row.update({"Relationship.StartNode.NodeID": child, "Relationship.StartNode.NodeIDType": "LEI",
                "Relationship.EndNode.NodeID": parent, "Relationship.EndNode.NodeIDType": "LEI",
                "Relationship.RelationshipType": kind, "Relationship.RelationshipStatus": "ACTIVE",
                "Registration.RegistrationStatus": "PUBLISHED",
                "Relationship.Period.1.startDate": start, "Relationship.Period.1.periodType": "RELATIONSHIP_PERIOD"})
    return list(row.values())


def write_files(work: Path, entities: int, relationships: int, firms: list[tuple[str, str]],
                seed: int = 7) -> tuple[Path, Path]:
    """The two synthetic golden-copy files (reused when already written for these sizes)."""
    level1, rr = work / "gleif-lei2-golden-copy.csv", work / "gleif-rr-golden-copy.csv"
    manifest = work / "gleif-files.json"
    wanted = {"entities": entities, "relationships": relationships, "firms": len(firms), "seed": seed}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted and level1.exists() and rr.exists():
        return level1, rr
    rng = random.Random(seed)
    written = 0
    rels: list[list[str]] = []
    with level1.open("w", newline="", encoding="utf-8") as f1:
        out = csv.writer(f1, quoting=csv.QUOTE_ALL)
        out.writerow(LEVEL1_HEADER)
        for index, (name, country) in enumerate(firms):
            if index % 10:
                continue
            firm_lei = _lei("FIRM", index)
            out.writerow(_level1_row(firm_lei, f"{name.upper()} {rng.choice(FORMS)}", country, "Capital"))
            written += 1
            if index % 20 == 0:  # an EU subsidiary
                sub = _lei("SUBS", index)
                out.writerow(_level1_row(sub, f"{_word(rng)} {name} {rng.choice(FORMS)}", rng.choice(EU), "Town"))
                rels.append(_rr_row(sub, firm_lei, "IS_DIRECTLY_CONSOLIDATED_BY", "2019-05-01T00:00:00.000Z"))
                written += 1
            if index % 50 == 0:  # a group: an ultimate parent with a sibling in the EU
                head, sibling = _lei("HEAD", index), _lei("SIBL", index)
                out.writerow(_level1_row(head, f"{_word(rng)} Holdings {rng.choice(FORMS)}", "US", "City"))
                out.writerow(_level1_row(sibling, f"{_word(rng)} {_word(rng)} {rng.choice(FORMS)}",
                                         rng.choice(EU), "Town"))
                rels.append(_rr_row(firm_lei, head, "IS_ULTIMATELY_CONSOLIDATED_BY", "2016-01-01T00:00:00.000Z"))
                rels.append(_rr_row(sibling, head, "IS_ULTIMATELY_CONSOLIDATED_BY", "2020-02-01T00:00:00.000Z"))
                written += 2
        countries = [*EU, "US", "GB", "CH", "JP", "CN", "CA", "KY"]
        for n in range(entities - written):
            common = " Firm" if n % 10 == 0 else ""
            out.writerow(_level1_row(_lei("FILL", n), f"{_word(rng)}{common} {_word(rng)} {rng.choice(FORMS)}",
                                     rng.choice(countries), "City"))
    with rr.open("w", newline="", encoding="utf-8") as f2:
        out = csv.writer(f2, quoting=csv.QUOTE_ALL)
        out.writerow(RR_HEADER)
        out.writerows(rels)
        filler = entities - written
        for n in range(relationships - len(rels)):
            child, parent = rng.randrange(filler), rng.randrange(filler)
            kind = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY")[n % 2]
            out.writerow(_rr_row(_lei("FILL", child), _lei("FILL", parent), kind, "2019-01-01T00:00:00.000Z"))
    manifest.write_text(json.dumps(wanted))
    return level1, rr


def _floor(level1: Path, rr: Path) -> dict[str, Any]:
    rows = 0
    for path in (level1, rr, rr, level1):
        with path.open(newline="", encoding="utf-8") as handle:
            for _ in csv.reader(handle):
                rows += 1
    return {"rows": rows}


def _child(job: str, args: list[str]) -> dict[str, Any]:
    """Run one job in a fresh process; its wall time and peak RSS."""
    code = ("import json, resource, sys, time; from benchmarks.gleif_bench import _job; t = time.perf_counter(); "
            "r = _job(sys.argv[1], sys.argv[2:]); "
            "r.update(seconds=time.perf_counter() - t, "
            "peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); print(json.dumps(r))")
    done = subprocess.run([sys.executable, "-c", code, job, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {job} job failed:\n{done.stdout}\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _job(job: str, args: list[str]) -> dict[str, Any]:
    if job == "floor":
        return _floor(Path(args[0]), Path(args[1]))
    from click.testing import CliRunner

    from enforcegraph.graph.cli import main

    result = CliRunner().invoke(main, ["--db", args[2], "gleif", args[0], args[1], "--report", args[3]])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return {"figures": json.loads(Path(args[3]).read_text())["figures"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=2_800_000)
    parser.add_argument("--relationships", type=int, default=700_000)
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/enforcegraph-gleif-bench"))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "gleif" / "full-size.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "store.db"
    if db.exists():
        db.unlink()
    enforcegraph = str(Path(sys.executable).with_name("enforcegraph"))
    subprocess.run([enforcegraph, "--db", str(db), "synth", "--firms", str(args.firms), "--load"],
                   check=True, capture_output=True)
    from enforcegraph.graph.backends import open_store

    with open_store(db=db, read_only=True) as store:
        firms = [(str(n.get("name")), str(n.get("country") or "US")) for n in store.iter_nodes("Company")
                 if str(n.get("name", "")).startswith("Synthetic Firm")]
    started = time.perf_counter()
    level1, rr = write_files(args.work, args.entities, args.relationships, firms)
    generated = time.perf_counter() - started
    floor = _child("floor", [str(level1), str(rr)])
    linked = _child("link", [str(level1), str(rr), str(db), str(args.work / "report.json")])
    read = 2 * args.entities + 2 * args.relationships
    result = {
        "date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(), "entities": args.entities,
        "relationships": args.relationships, "firms": args.firms,
        "file_mib": round((level1.stat().st_size + rr.stat().st_size) / 2**20),
        "generate_s": round(generated, 1),
        "floor": {"seconds": round(floor["seconds"], 1), "records_per_s": round(read / floor["seconds"]),
                  "peak_rss_mib": round(floor["peak_rss_mib"])},
        "gleif": {"seconds": round(linked["seconds"], 1), "records_per_s": round(read / linked["seconds"]),
                  "peak_rss_mib": round(linked["peak_rss_mib"]), "figures": linked["figures"]},
        "load_average": os.getloadavg(), "max_rss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
