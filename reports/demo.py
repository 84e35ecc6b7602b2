"""Demo data of this app: the five seed reports (../shared/seeds, figures.json) as published conferences,
each with every figure and award tally read from it, linked to its legacy area, and its text as the source
document. Idempotent: a conference is found by area, programme and title before anything is created.

The seed folder is `settings.BASE_DIR.parent / "shared" / "seeds"`, or the SEEDS_DIR environment variable."""

import datetime
import json
import os
import re
from pathlib import Path

from django.conf import settings

from movement.models import AdministrativeUnit as AU
from reports import services
from reports.models import Conference

# What figures.json does not say: each report's title, and its source document as printed.
REPORTS = {
    "000_9199a35bdaf8f0b8.txt": {
        "title": "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 07/CT-BCA-V28 tỉnh Thanh Hóa, giai đoạn 2014-2019",
        "document": {
            "title": "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, "
            "nhà trường",
            "publisher": "Báo Thanh Hóa (baothanhhoa.vn)",
            "author": "Quốc Hương",
        },
    },
    "001_b14d02dd87ce424d.txt": {
        "title": "Sơ kết 05 năm thực hiện Chỉ thị 07 của Bộ Công an huyện Thạnh Phú, giai đoạn 2014-2019",
        "document": {
            "title": "Thạnh Phú đạt nhiều kết quả qua 05 năm thực hiện Chỉ thị 07 của Bộ Công an",
            "author": "Văn Minh",
            "published_on": datetime.date(2019, 7, 9),
        },
    },
    "002_595d6b5cfb023368.txt": {
        "title": "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 07 của Bộ Công an tỉnh Vĩnh Phúc, giai đoạn 2014-2019",
        "document": {
            "title": "Sơ kết 5 năm thực hiện Chỉ thị 07 của Bộ Công an tại tỉnh Vĩnh Phúc (bài viết không ghi tiêu đề)",
            "author": "Minh Hiền",
        },
        "note": "Bài viết không ghi ngày tổ chức hội nghị.",
    },
    "003_79c7c580c821ed32.txt": {
        "title": "Hội nghị triển khai chương trình công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm 2021 tỉnh Quảng Bình",
        "document": {
            "title": "Triển khai chương trình công tác xây dựng phong trào toàn dân bảo vệ An ninh Tổ quốc",
            "author": "Việt Hùng",
        },
    },
    "004_77dda0422fd43749.txt": {
        "title": "Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc khối cơ quan, doanh nghiệp, bệnh viện, "
        "nhà trường năm 2017 của Công an thành phố Hà Nội",
        "document": {
            "title": "Phong trào toàn dân bảo vệ an ninh Tổ quốc ngày càng có sức lan toả",
            "published_on": datetime.date(2018, 3, 27),
        },
    },
}


def seeds_dir() -> Path:
    override = os.environ.get("SEEDS_DIR")
    return Path(override) if override else Path(settings.BASE_DIR).parent / "shared" / "seeds"


def read_figures(folder: Path | None = None) -> dict:
    folder = folder or seeds_dir()
    with open(folder / "figures.json", encoding="utf-8") as handle:
        return json.load(handle)


def area_of(spec: dict) -> AU:
    """The administrative unit a seed report was recorded against (generation + level + code)."""
    area = AU.objects.select_related("parent").get(
        generation=spec["generation"], level=spec["level"], code=spec["code"]
    )
    if spec.get("province_code"):
        province = area
        while province.parent_id:
            province = province.parent
        if province.code != spec["province_code"]:
            raise ValueError(f"{spec['name']}: {area} is not in province {spec['province_code']}")
    return area


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def conference_data(report: dict, *, title: str, note: str = "") -> dict:
    held_on = _date(report.get("held_on"))
    from_publication = False
    if held_on is None and report.get("published_on"):
        held_on, from_publication = _date(report["published_on"]), True
    if held_on is None and not note:
        note = "Báo cáo không ghi ngày tổ chức hội nghị."
    period = report.get("period") or {}
    return {
        "programme": report["programme"],
        "kind": report["kind"],
        "title": title,
        "area": area_of(report["area"]),
        "organiser": report.get("organiser", ""),
        "held_on": held_on,
        "is_date_from_publication": from_publication,
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
        "period_label": period.get("label", ""),
        "chaired_by": "\n".join(report.get("chaired_by", [])),
        "scope_note": report.get("scope_note", ""),
        "note": note,
    }


def vietnamese_period(label: str) -> str:
    """The seeds give a figure's own period in English ("school year 2019-2020"); the portal's data is in
    Vietnamese ("năm học 2019-2020"), as staff enter it."""
    match = re.fullmatch(r"\s*school year (\d{4})\s*[-–]\s*(\d{4})\s*", label or "", re.IGNORECASE)
    return f"năm học {match.group(1)}-{match.group(2)}" if match else label


def figure_data(item: dict) -> dict:
    return {
        "indicator": item["indicator"],
        "breakdown": item.get("breakdown", ""),
        "value": item["value"],
        "out_of": item.get("out_of"),
        "qualifier": item.get("qualifier") or "exact",
        "period_label": vietnamese_period(item.get("period_label", "")),
        "source_excerpt": item.get("excerpt", ""),
        "note": item.get("note", ""),
    }


def tally_data(item: dict) -> dict:
    return {
        "issuer": item["issuer"],
        "form": item["form"],
        "recipient_kind": item["recipient_kind"],
        "count": item["count"],
        "qualifier": item.get("qualifier") or "exact",
        "source_excerpt": item.get("excerpt", ""),
        "note": item.get("note", ""),
    }


def load(*, stdout=None, verbosity=1) -> dict:
    created = {"conferences": 0, "figures": 0, "tallies": 0}
    folder = seeds_dir()
    if not (folder / "figures.json").exists():
        if stdout is not None:
            stdout.write(
                f"reports: no seed reports at {folder} (figures.json is missing); set SEEDS_DIR to load them. Skipped."
            )
        return created
    for report in read_figures(folder)["reports"]:
        extra = REPORTS.get(report["file"], {})
        title = (
            extra.get("title")
            or f"{report['kind']} {report['area']['name']} {report.get('period', {}).get('label', '')}"
        )
        data = conference_data(report, title=title, note=extra.get("note", ""))
        if Conference.objects.filter(area=data["area"], programme__code=data["programme"], title=title).exists():
            continue
        text_path = folder / report["file"]
        document = {
            "title": title,
            **extra.get("document", {}),
            "full_text": text_path.read_text(encoding="utf-8") if text_path.exists() else "",
        }
        published_on = document.get("published_on") or data["held_on"]
        services.conference_import_published(
            data=data,
            figures=[figure_data(f) for f in report.get("figures", [])],
            tallies=[tally_data(t) for t in report.get("award_tallies", [])],
            source_documents=[document],
            published_on=published_on,
        )
        created["conferences"] += 1
        created["figures"] += len(report.get("figures", []))
        created["tallies"] += len(report.get("award_tallies", []))
    if stdout is not None and verbosity:
        stdout.write(f"reports: {created}")
    return created
