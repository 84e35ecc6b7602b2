"""Load both generations of the administrative hierarchy and the successions between them from the
dataset that the PyPI package `vietnamadminunits` (MIT) ships: data/dataset.db (the 63-province and
34-province tables) and data/converter_2025.json (the legacy → 2025 mapping).

Idempotent: rows are keyed by (generation, level, code); a second run changes nothing.
"""

import datetime
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from movement.models import AdministrativeUnit as AU
from movement.models import Succession

LEGACY_END = datetime.date(2025, 6, 30)
REFORM_DAY = datetime.date(2025, 7, 1)

DISTRICT_KINDS = {
    "Huyện": AU.Kind.RURAL_DISTRICT,
    "Quận": AU.Kind.URBAN_DISTRICT,
    "Thị xã": AU.Kind.TOWN,
    "Thành phố": AU.Kind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {
    "Xã": AU.Kind.COMMUNE,
    "Phường": AU.Kind.WARD,
    "Thị trấn": AU.Kind.TOWNSHIP,
    "Đặc khu": AU.Kind.SPECIAL_ZONE,
}


def dataset_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data"


@dataclass
class Row:
    generation: str
    level: str
    code: str
    kind: str
    name: str
    short_name: str
    parent_key: tuple | None
    latitude: float | None
    longitude: float | None

    @property
    def key(self):
        return (self.generation, self.level, self.code)


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)
    successions_created: int = 0
    successions_updated: int = 0
    successions_deleted: int = 0
    successions_total: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values())
            or sum(self.updated.values())
            or self.successions_created
            or self.successions_updated
            or self.successions_deleted
        )


def _province_kind(name: str) -> str:
    return AU.Kind.CENTRAL_CITY if name.startswith("Thành phố") else AU.Kind.PROVINCE


def read_dataset(directory: Path | None = None):
    """Return (rows in parent-before-child order, succession triples, province key maps)."""
    directory = directory or dataset_dir()
    con = sqlite3.connect(directory / "dataset.db")
    con.row_factory = sqlite3.Row
    L, N = AU.Generation.LEGACY, AU.Generation.Y2025
    P, D, C = AU.Level.PROVINCE, AU.Level.DISTRICT, AU.Level.COMMUNE
    rows: dict[tuple, Row] = {}
    legacy_key_to_code: dict[str, tuple] = {}  # "prov_dist_ward" -> unit key
    legacy_province_key: dict[str, tuple] = {}
    for r in con.execute("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
        pk = (L, P, r["provinceCode"])
        rows.setdefault(
            pk,
            Row(
                L,
                P,
                r["provinceCode"],
                _province_kind(r["province"]),
                r["province"],
                r["provinceShort"],
                None,
                r["provinceLat"],
                r["provinceLon"],
            ),
        )
        legacy_province_key[r["provinceKey"]] = pk
        dk = (L, D, r["districtCode"])
        rows.setdefault(
            dk,
            Row(
                L,
                D,
                r["districtCode"],
                DISTRICT_KINDS[r["districtType"]],
                r["district"],
                r["districtShort"],
                pk,
                r["districtLat"],
                r["districtLon"],
            ),
        )
        if r["wardCode"]:
            ck = (L, C, r["wardCode"])
            rows[ck] = Row(
                L,
                C,
                r["wardCode"],
                COMMUNE_KINDS[r["wardType"]],
                r["ward"],
                r["wardShort"],
                dk,
                r["wardLat"],
                r["wardLon"],
            )
            legacy_key_to_code[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = ck
        else:  # island districts without communes
            legacy_key_to_code[f"{r['provinceKey']}_{r['districtKey']}_"] = dk
    new_province_key: dict[str, tuple] = {}
    new_ward_key: dict[tuple[str, str], tuple] = {}
    for r in con.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"):
        pk = (N, P, r["provinceCode"])
        rows.setdefault(
            pk,
            Row(
                N,
                P,
                r["provinceCode"],
                _province_kind(r["province"]),
                r["province"],
                r["provinceShort"],
                None,
                r["provinceLat"],
                r["provinceLon"],
            ),
        )
        new_province_key[r["provinceKey"]] = pk
        ck = (N, C, r["wardCode"])
        rows[ck] = Row(
            N, C, r["wardCode"], COMMUNE_KINDS[r["wardType"]], r["ward"], r["wardShort"], pk, r["wardLat"], r["wardLon"]
        )
        new_ward_key[(r["provinceKey"], r["wardKey"])] = ck
    con.close()

    mapping = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))
    # (predecessor key, successor key, kind, is_default)
    links: dict[tuple, tuple] = {}
    for new_pkey, old_pkeys in mapping["DICT_PROVINCE"].items():
        for old in old_pkeys:
            links[(legacy_province_key[old], new_province_key[new_pkey])] = (Succession.Kind.MERGE, True)
    for new_pkey, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, olds in wards.items():
            for old in olds:
                links[(legacy_key_to_code[old], new_ward_key[(new_pkey, new_wkey)])] = (Succession.Kind.MERGE, True)
    for new_pkey, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for t in targets:
                link = (legacy_key_to_code[old], new_ward_key[(new_pkey, t["newWardKey"])])
                links[link] = (Succession.Kind.SPLIT, bool(t["isDefaultNewWard"]))
    # Districts: taken over by the 2025 communes that took over their communes.
    by_district: dict[tuple, Counter] = defaultdict(Counter)
    for (pred, succ), (_kind, is_default) in list(links.items()):
        if pred[1] == C:
            district = rows[pred].parent_key
            by_district[district][succ] += 2 if is_default else 1
    for district, counts in by_district.items():
        default = max(sorted(counts), key=lambda k: counts[k])
        kind = Succession.Kind.MERGE if len(counts) == 1 else Succession.Kind.SPLIT
        for succ in counts:
            links[(district, succ)] = (kind, succ == default)
    return list(rows.values()), links


def _values(row: Row, parent: AU | None, current_province_id: int | None) -> dict:
    legacy = row.generation == AU.Generation.LEGACY
    unit = AU(
        generation=row.generation,
        level=row.level,
        code=row.code,
        parent=parent,
        name=row.name,
        short_name=row.short_name or "",
    )
    unit.refresh_derived()
    return {
        "kind": row.kind,
        "name": row.name,
        "short_name": row.short_name or "",
        "parent_id": parent.pk if parent else None,
        "valid_from": None if legacy else REFORM_DAY,
        "valid_until": LEGACY_END if legacy else None,
        "path": unit.path,
        "search_name": unit.search_name,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "current_province_id": current_province_id,
    }


@transaction.atomic
def load_admin_units(*, dry_run: bool = False, progress: bool = False, directory: Path | None = None) -> LoadReport:
    rows, links = read_dataset(directory)
    report = LoadReport()
    existing = {(u.generation, u.level, u.code): u for u in AU.objects.all()}
    province_successor = {pred: succ for (pred, succ) in links if pred[1] == AU.Level.PROVINCE}
    order = [AU.Level.PROVINCE, AU.Level.DISTRICT, AU.Level.COMMUNE]
    # 2025 provinces first so that legacy units can point at the province that holds them now.
    rows.sort(key=lambda r: (r.generation != AU.Generation.Y2025, order.index(r.level), r.code))
    index = {r.key: r for r in rows}
    bar = tqdm(total=len(rows) + len(links), desc="Administrative units", disable=not progress, unit="row")
    fields = [
        "kind",
        "name",
        "short_name",
        "parent_id",
        "valid_from",
        "valid_until",
        "path",
        "search_name",
        "latitude",
        "longitude",
        "current_province_id",
    ]
    for generation in [AU.Generation.Y2025, AU.Generation.LEGACY]:
        for level in order:
            batch = [r for r in rows if r.generation == generation and r.level == level]
            to_create, to_update = [], []
            for row in batch:
                parent = existing.get(row.parent_key) if row.parent_key else None
                province_key = row.key
                while index[province_key].parent_key:
                    province_key = index[province_key].parent_key
                if generation == AU.Generation.Y2025:
                    current = existing.get(province_key)
                else:
                    current = existing.get(province_successor.get(province_key))
                values = _values(row, parent, current.pk if current else None)
                unit = existing.get(row.key)
                if unit is None:
                    unit = AU(generation=row.generation, level=row.level, code=row.code, **values)
                    to_create.append(unit)
                elif any(getattr(unit, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(unit, f, v)
                    to_update.append(unit)
                else:
                    report.unchanged[(generation, level)] += 1
                report.totals[(generation, level)] += 1
            if to_create:
                if not dry_run:
                    AU.objects.bulk_create(to_create, batch_size=1000)
                    if generation == AU.Generation.Y2025 and level == AU.Level.PROVINCE:
                        # a 2025 province holds itself
                        for unit in to_create:
                            unit.current_province_id = unit.pk
                        AU.objects.bulk_update(to_create, ["current_province_id"])
                for unit in to_create:
                    existing[(unit.generation, unit.level, unit.code)] = unit
                report.created[(generation, level)] += len(to_create)
            if to_update:
                if not dry_run:
                    AU.objects.bulk_update(to_update, fields, batch_size=1000)
                report.updated[(generation, level)] += len(to_update)
            bar.update(len(batch))
    if dry_run and any(unit.pk is None for unit in existing.values()):
        # New units have no ids in a dry run: count the successions as they would be created.
        report.successions_created = report.successions_total = len(links)
        bar.close()
        return report
    current = {(s.predecessor_id, s.successor_id): s for s in Succession.objects.all()}
    wanted = {}
    for (pred, succ), (kind, is_default) in links.items():
        wanted[(existing[pred].pk, existing[succ].pk)] = (kind, is_default)
    to_create, to_update = [], []
    for pair, (kind, is_default) in wanted.items():
        s = current.get(pair)
        if s is None:
            to_create.append(
                Succession(
                    predecessor_id=pair[0],
                    successor_id=pair[1],
                    kind=kind,
                    is_default=is_default,
                    effective_on=REFORM_DAY,
                )
            )
        elif (s.kind, s.is_default) != (kind, is_default):
            s.kind, s.is_default = kind, is_default
            to_update.append(s)
    stale = [s.pk for pair, s in current.items() if pair not in wanted]
    if not dry_run:
        Succession.objects.bulk_create(to_create, batch_size=2000)
        Succession.objects.bulk_update(to_update, ["kind", "is_default"], batch_size=2000)
        Succession.objects.filter(pk__in=stale).delete()
    bar.update(len(links))
    bar.close()
    report.successions_created, report.successions_updated = len(to_create), len(to_update)
    report.successions_deleted, report.successions_total = len(stale), len(wanted)
    if dry_run:
        transaction.set_rollback(True)
    return report
