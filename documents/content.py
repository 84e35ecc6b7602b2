"""What an official document says, as a plain structure (header, blocks, signature, annex) that the .docx
and PDF renderers both lay out (documents/docx.py, documents/pdf.py), so the two files always hold the same
text and numbers.

- **Layout** of Nghị định 30/2020/NĐ-CP (Phụ lục I): the issuing body under its governing body and the
  number line on the left; the national title (Quốc hiệu) and motto (Tiêu ngữ), then place and date on the
  right; the kind of document and its summary line (trích yếu) centred below; the signer's block on the
  right and "Nơi nhận" on the left at the end.
- **Wording.** An administrative document is written in Vietnamese whatever the page's language, so the
  fixed wording below is Vietnamese (it is part of the state format, not of the interface). Numbers are the
  summaries' own texts ("hơn 10.000", "1.069/1.144 (93,4 %)"), dates are dd/mm/yyyy.
- **Never invented.** Figures come from the published summaries (reports.summaries) and the decision
  records; whatever needs a person's judgement (assessment, lessons, directions, legal grounds that depend
  on the case, rewards) is a `Placeholder`: a marked heading with a note for the clerk, never text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from reports.summaries import Summary, format_number

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
BLANK_DAY = "ngày      tháng      năm"
ANNEX_SOURCE_LIMIT = 400  # source rows in a report's annex ("và N nguồn khác" beyond)
DECISION_LIMIT = 200  # award decisions listed in a report
LONG_TABLE_LIMIT = 600  # rows of the tables by area and by year ("và N dòng khác" beyond: the XLSX has them)


@dataclass
class Column:
    title: str
    width: int  # share of the text width, in per cent
    numeric: bool = False


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[str]]
    caption: str = ""
    note: str = ""

    def aligned_rows(self) -> list[list[tuple[str, bool]]]:
        """Each row as (text, is numeric) pairs: numbers are right-aligned, and a percentage keeps its sign
        ("93,4 %" never breaks before "%")."""
        return [
            [(value.replace(" %", "\u00a0%") if column.numeric else value, column.numeric) for value, column in pairs]
            for pairs in (zip(row, self.columns, strict=True) for row in self.rows)
        ]


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: "I. …" (bold capitals), 2: "1. …" (bold), 3: "a) …" (bold italic)


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    centred: bool = False
    label: str = ""  # a bold lead-in ("Điều 1.")


@dataclass
class Placeholder:
    """A heading the clerk must write: the document shows it marked, with what belongs there."""

    text: str
    hint: str


@dataclass
class Header:
    parent_body: str
    issuing_body: str
    number_line: str
    place_date: str
    doc_type: str
    summary_line: str
    is_draft: bool = False
    authority: str = ""  # decisions: the title of who decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN …")


@dataclass
class Signature:
    recipients: list[str]
    title_lines: list[str]
    name: str


@dataclass
class Document:
    kind: str  # "report" | "recognition" | "award"
    title: str  # the file's title (metadata)
    stem: str  # file name without extension
    header: Header
    blocks: list = field(default_factory=list)
    signature: Signature | None = None
    annex_title: str = ""
    annex: list = field(default_factory=list)
    area_code: str = ""  # the province's code (a province's own template files are looked up by it)

    def text(self) -> str:
        """Every text of the document, in order (for tests and search)."""
        h = self.header
        parts = [h.parent_body, h.issuing_body, h.number_line, NATIONAL_TITLE, MOTTO, h.place_date]
        parts += [h.doc_type, h.summary_line, h.authority]
        for block in [*self.blocks, *self.annex]:
            parts += _block_texts(block)
        if self.signature:
            parts += [*self.signature.recipients, *self.signature.title_lines, self.signature.name]
        return "\n".join(p for p in parts if p)


def _block_texts(block) -> list[str]:
    if isinstance(block, Table):
        return [block.caption, *(c.title for c in block.columns), *(cell for row in block.rows for cell in row)]
    if isinstance(block, Placeholder):
        return [block.text, block.hint]
    if isinstance(block, Paragraph):
        return [f"{block.label} {block.text}".strip()]
    return [block.text]


# Helpers ---------------------------------------------------------------------------------------------------------


def date_text(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def place_date(place: str, day: datetime.date | None) -> str:
    """ "Thanh Hóa, ngày 11 tháng 9 năm 2019"; without a date, day and month are left for the clerk."""
    place = place or "…"
    if day is None:
        return f"{place}, {BLANK_DAY} {timezone.localdate().year}"
    # Nghị định 30/2020, Phụ lục I: a leading zero for days below 10 and for months 1 and 2.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str = "", symbol: str = "") -> str:
    """ "Số: 12/QĐ-UBND" (as recorded), or "Số:        /BC-BCĐ138" with the number left for the clerk."""
    if number:
        return f"Số: {number}"
    return f"Số:          /{symbol}" if symbol else "Số:          /"


def roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


class _Sections:
    """Numbers headings I., II., … and 1., 2., … as they are added."""

    def __init__(self, blocks: list):
        self.blocks, self.major, self.minor = blocks, 0, 0

    def section(self, text: str):
        self.major += 1
        self.minor = 0
        self.blocks.append(Heading(f"{roman(self.major)}. {text.upper()}", 1))

    def sub(self, text: str):
        self.minor += 1
        self.blocks.append(Heading(f"{self.minor}. {text}", 2))


def count(n) -> str:
    return format_number(n)


# Report drafts ---------------------------------------------------------------------------------------------------


def report_document(
    summary: Summary, *, profile, decisions: list, decision_total: int, area_name: str, stem: str
) -> Document:
    """The draft report of a programme review or a year, from a published summary (never empty)."""
    where = area_name or "toàn quốc"
    if summary.kind == "programme_review":
        programme = summary.programme
        subject = programme.title if programme.title else (programme.document_number or programme.code)
        summary_line = f"Kết quả thực hiện {subject}, giai đoạn {summary.period.label}, {_on(where)}"
        title = f"Báo cáo kết quả thực hiện {programme.document_number or programme.code} – {summary.period.label}"
    else:
        summary_line = f"Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {summary.year}, {_on(where)}"
        title = f"Báo cáo kết quả năm {summary.year}"
    header = Header(
        parent_body=profile.parent_body,
        issuing_body=profile.issuing_body,
        number_line=number_line(symbol=profile.symbol),
        place_date=place_date(profile.place, None),
        doc_type="BÁO CÁO",
        summary_line=summary_line,
        is_draft=True,
    )
    blocks: list = []
    s = _Sections(blocks)
    blocks.append(
        Paragraph(
            f"Số liệu trong báo cáo này được tổng hợp từ {count(summary.conference_count)} báo cáo hội nghị đã công "
            f"bố trên Cổng thông tin phong trào toàn dân bảo vệ an ninh Tổ quốc, kỳ {summary.period.label}; cách "
            f"tính theo địa bàn: {_mode_text(summary)}. Các từ “hơn”, “gần”, “khoảng” được giữ như trong báo cáo "
            "nguồn; tỷ lệ được tính lại từ tử số và mẫu số, không lấy trung bình các tỷ lệ. Nguồn của từng số "
            "liệu ghi tại Phụ lục."
        )
    )
    s.section("Kết quả thực hiện")
    if summary.figures:
        s.sub("Các chỉ tiêu chủ yếu")
        blocks.append(_figure_table(summary.figures))
    if summary.rates:
        s.sub("Tỷ lệ đạt theo loại đối tượng")
        blocks.append(
            Table(
                [Column("STT", 7, True), Column("Đối tượng", 48), Column("Đạt / tổng số (tỷ lệ)", 45, True)],
                [
                    [str(i), f.breakdown_name or f.indicator.name, f.amount.ratio_display]
                    for i, f in enumerate(summary.rates, 1)
                ],
            )
        )
    if summary.areas:
        s.sub("Kết quả theo địa bàn")
        rows = []
        for row in summary.areas:
            for f in row.figures:
                rows.append([row.area.label, f.label, f.amount.display, f.amount.ratio_display, f.indicator.unit])
        blocks.append(_long_table("Địa bàn", rows))
    if summary.years:
        s.sub("Kết quả theo năm")
        rows = [
            [str(row.year), f.label, f.amount.display, f.amount.ratio_display, f.indicator.unit]
            for row in summary.years
            for f in row.figures
        ]
        blocks.append(_long_table("Năm", rows))

    s.section("Công tác thi đua, khen thưởng")
    if summary.awards:
        s.sub("Số lượng khen thưởng theo hình thức và cấp khen")
        blocks.append(
            Table(
                [
                    Column("STT", 7, True),
                    Column("Hình thức", 22),
                    Column("Cấp khen", 31),
                    Column("Đối tượng", 20),
                    Column("Số lượng", 20, True),
                ],
                [
                    [str(i), a.form_name, a.issuer_name, a.recipient_kind_label, a.amount.display]
                    for i, a in enumerate(summary.awards, 1)
                ],
            )
        )
    s.sub("Quyết định khen thưởng đã ban hành")
    if decision_total:
        blocks.append(
            Table(
                [
                    Column("STT", 7, True),
                    Column("Số, ký hiệu", 31),
                    Column("Ngày ký", 14),
                    Column("Hình thức, người ký", 30),
                    Column("Số tập thể, cá nhân", 18, True),
                ],
                [
                    [
                        str(i),
                        d.number,
                        date_text(d.signed_on),
                        f"{d.form.name_vi} – {d.signer_title or d.issuing_authority.name_vi}",
                        _recipient_counts(d),
                    ]
                    for i, d in enumerate(decisions, 1)
                ],
                note=(
                    f"Và {count(decision_total - len(decisions))} quyết định khác."
                    if decision_total > len(decisions)
                    else ""
                ),
            )
        )
    else:
        blocks.append(Paragraph("Chưa có quyết định khen thưởng nào được ghi nhận trên Cổng cho địa bàn và kỳ này."))

    if summary.records:
        s.section("Số liệu tính từ hồ sơ trên Cổng (để đối chiếu)")
        blocks.append(
            Paragraph(
                "Các số sau được đếm từ hồ sơ nhập trên Cổng (công nhận “An toàn về an ninh, trật tự”, quyết định "
                "khen thưởng), đặt bên cạnh số liệu báo cáo để đối chiếu, không cộng vào số liệu báo cáo.",
                italic=True,
            )
        )
        blocks.append(
            Table(
                [
                    Column("STT", 7, True),
                    Column("Nội dung", 37),
                    Column("Phân loại", 19),
                    Column("Số lượng", 13, True),
                    Column("Tỷ lệ", 24, True),
                ],
                [
                    [str(i), r.metric_label, r.breakdown_label, r.amount.display, r.amount.ratio_display]
                    for i, r in enumerate(summary.records, 1)
                ],
            )
        )

    s.section("Đánh giá chung")
    blocks.append(Placeholder("1. Ưu điểm", "Nhận xét những kết quả nổi bật (do cán bộ soạn thảo viết)."))
    blocks.append(Placeholder("2. Hạn chế, nguyên nhân", "Nêu hạn chế, nguyên nhân (do cán bộ soạn thảo viết)."))
    s.section("Bài học kinh nghiệm")
    blocks.append(Placeholder("", "Bài học rút ra trong kỳ (do cán bộ soạn thảo viết)."))
    s.section("Phương hướng, nhiệm vụ thời gian tới")
    blocks.append(Placeholder("", "Phương hướng, nhiệm vụ và giải pháp (do cán bộ soạn thảo viết)."))
    s.section("Đề xuất, kiến nghị")
    blocks.append(Placeholder("", "Đề xuất, kiến nghị với cấp trên (do cán bộ soạn thảo viết)."))

    return Document(
        kind="report",
        title=title,
        stem=stem,
        header=header,
        blocks=blocks,
        signature=_signature(profile),
        annex_title="PHỤ LỤC: NGUỒN SỐ LIỆU",
        annex=_sources_annex(summary),
    )


def _on(where: str) -> str:
    return "toàn quốc" if where == "toàn quốc" else f"trên địa bàn {where}"


def _mode_text(summary: Summary) -> str:
    if summary.mode == "as_recorded":
        return "theo đơn vị hành chính tại thời điểm báo cáo (như đã ghi nhận)"
    return "gộp theo tỉnh, thành phố hiện nay (từ ngày 01/7/2025)"


def _figure_table(figures) -> Table:
    return Table(
        [
            Column("STT", 7, True),
            Column("Chỉ tiêu", 41),
            Column("Kết quả", 15, True),
            Column("Tỷ lệ", 25, True),
            Column("Đơn vị tính", 12),
        ],
        [
            [str(i), f.label, f.amount.display, f.amount.ratio_display, f.indicator.unit]
            for i, f in enumerate(figures, 1)
        ],
    )


def _long_table(first: str, rows: list[list[str]]) -> Table:
    more = len(rows) - LONG_TABLE_LIMIT
    return Table(
        [
            Column(first, 17),
            Column("Chỉ tiêu", 33),
            Column("Kết quả", 14, True),
            Column("Tỷ lệ", 24, True),
            Column("Đơn vị tính", 12),
        ],
        rows[:LONG_TABLE_LIMIT],
        note=f"Và {count(more)} dòng khác (đủ trong tệp XLSX của trang công khai)." if more > 0 else "",
    )


def _recipient_counts(decision) -> str:
    recipients = list(decision.recipients.all())
    collectives = sum(1 for r in recipients if r.kind == "collective")
    individuals = len(recipients) - collectives
    parts = []
    if collectives:
        parts.append(f"{count(collectives)} tập thể")
    if individuals:
        parts.append(f"{count(individuals)} cá nhân")
    return ", ".join(parts) or "chưa ghi danh sách"


def _sources_annex(summary: Summary) -> list:
    """The reports summarised (numbered), then each number's sources: the figure as reported there and
    its excerpt, naming the report by its number in the first table."""
    cited = {c.id: c for c in summary.cited}
    for c in summary.conferences:
        cited.setdefault(c.id, c)
    numbers = {conference_id: i for i, conference_id in enumerate(cited, 1)}
    blocks: list = [Heading("1. Các báo cáo hội nghị được trích dẫn", 2)]
    conference_rows = []
    for conference_id, i in numbers.items():
        c = cited[conference_id]
        documents = "; ".join(
            ", ".join(p for p in (d.title, d.publisher, date_text(d.published_on), d.url) if p) for d in c.documents
        )
        conference_rows.append([str(i), c.title, c.area.label, date_text(c.held_on), documents])
    blocks.append(
        Table(
            [
                Column("Số", 7, True),
                Column("Hội nghị", 33),
                Column("Địa bàn", 17),
                Column("Ngày", 13),
                Column("Tài liệu nguồn", 30),
            ],
            conference_rows,
            note=f"Và {count(summary.more_conferences)} báo cáo khác." if summary.more_conferences else "",
        )
    )
    rows = []
    total = 0
    numbered = [(f.label, f.amount) for f in summary.figures]
    numbered += [(f"{a.form_name} – {a.issuer_name} – {a.recipient_kind_label}", a.amount) for a in summary.awards]
    for label, amount in numbered:
        total += len(amount.sources) + amount.more_sources
        for source in amount.sources:
            if len(rows) >= ANNEX_SOURCE_LIMIT:
                break
            excerpt = source.excerpt + (f" [{source.period_label}]" if source.period_label else "")
            rows.append(
                [str(len(rows) + 1), label, source.value_display, str(numbers.get(source.conference_id, "")), excerpt]
            )
    blocks.append(Heading("2. Nguồn của từng số liệu", 2))
    blocks.append(
        Table(
            [
                Column("STT", 7, True),
                Column("Số liệu", 30),
                Column("Như báo cáo", 16, True),
                Column("Báo cáo số", 10, True),
                Column("Trích dẫn", 37),
            ],
            rows,
            note=f"Và {count(total - len(rows))} nguồn khác (xem trang công khai)." if total > len(rows) else "",
        )
    )
    return blocks


def _signature(profile, *, title_lines: list[str] | None = None, name: str = "") -> Signature:
    return Signature(
        recipients=profile.recipient_lines,
        title_lines=title_lines or profile.signer_title_lines or ["[CHỨC VỤ NGƯỜI KÝ]"],
        name=name or profile.signer_name,
    )


# Decisions -------------------------------------------------------------------------------------------------------


def recognition_document(decision, certifications: list, *, profile, stem: str) -> Document:
    """A recognition decision with its list of recognised units (unit, kind, commune/ward, period)."""
    header = Header(
        parent_body=profile.parent_body,
        issuing_body=profile.issuing_body,
        number_line=number_line(decision.number),
        place_date=place_date(profile.place, decision.signed_on),
        doc_type="QUYẾT ĐỊNH",
        summary_line="Về việc công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        authority=(decision.issuer or "").upper(),
    )
    blocks: list = []
    bases = []
    for c in certifications:
        basis = c.criteria_set.legal_basis if c.criteria_set_id else ""
        if basis and basis not in bases:
            bases.append(basis)
    for basis in bases:
        blocks.append(Paragraph(f"Căn cứ {basis} quy định tiêu chuẩn “An toàn về an ninh, trật tự”;", italic=True))
    blocks.append(
        Placeholder(
            "Các căn cứ khác",
            "Căn cứ về thẩm quyền, đề nghị của cơ quan tham mưu và kết quả kiểm tra (do cán bộ soạn thảo ghi).",
        )
    )
    blocks.append(Paragraph("QUYẾT ĐỊNH:", bold=True, centred=True))
    n = len(certifications)
    blocks.append(
        Paragraph(
            f"Công nhận {count(n)} đơn vị, địa bàn có tên trong danh sách dưới đây đạt tiêu chuẩn "
            "“An toàn về an ninh, trật tự”:",
            label="Điều 1.",
        )
    )
    rows = []
    for i, c in enumerate(certifications, 1):
        rows.append([str(i), c.subject_name, c.get_subject_kind_display(), _commune_of(c), c.period_label])
    blocks.append(
        Table(
            [
                Column("STT", 7, True),
                Column("Đơn vị, địa bàn", 38),
                Column("Loại", 17),
                Column("Xã, phường", 24),
                Column("Kỳ đánh giá", 14),
            ],
            rows,
        )
    )
    blocks.append(Paragraph("Quyết định này có hiệu lực kể từ ngày ký.", label="Điều 2."))
    blocks.append(
        Placeholder("Điều 3.", "Các cơ quan, đơn vị và cá nhân chịu trách nhiệm thi hành (do cán bộ soạn thảo ghi).")
    )
    return Document(
        kind="recognition",
        title=f"Quyết định {decision.number}",
        stem=stem,
        header=header,
        blocks=blocks,
        signature=_signature(profile, title_lines=profile.signer_title_lines or _title_of(decision.issuer)),
    )


def _title_of(issuer: str) -> list[str]:
    """The signer's title from the issuer as printed: "Chủ tịch UBND xã Vạn Ninh" → ["CHỦ TỊCH"]."""
    issuer = (issuer or "").strip()
    for word in (" UBND", " Ủy ban", " Uỷ ban", " Công an", " Ban "):
        index = issuer.find(word)
        if index > 0:
            return [issuer[:index].upper()]
    return [issuer.upper()] if issuer else []


def _commune_of(certification) -> str:
    if certification.commune_id:
        area = certification.commune
        parent = area.parent.name if area.parent_id else ""
        return f"{area.name} ({parent})" if parent else area.name
    return certification.area.name if certification.area_id else ""


def award_document(decision, *, profile, stem: str) -> Document:
    """An award decision with its numbered recipients (collective or individual, name and title as printed)."""
    recipients = list(decision.recipients.all())
    form_name = decision.form.name_vi
    authority = decision.signer_title or decision.issuing_authority.name_vi
    header = Header(
        parent_body=profile.parent_body,
        issuing_body=profile.issuing_body,
        number_line=number_line(decision.number),
        place_date=place_date(profile.place, decision.signed_on),
        doc_type="QUYẾT ĐỊNH",
        summary_line=f"Về việc tặng {form_name}",
        authority=authority.upper(),
        is_draft=decision.status == "draft",
    )
    blocks: list = [
        Placeholder(
            "Căn cứ",
            "Căn cứ Luật Thi đua, khen thưởng và các văn bản hướng dẫn có hiệu lực vào ngày ký, thẩm quyền của "
            "người ký và đề nghị của cơ quan tham mưu (do cán bộ soạn thảo ghi).",
        ),
        Paragraph("QUYẾT ĐỊNH:", bold=True, centred=True),
    ]
    counts = _recipient_counts(decision)
    blocks.append(
        Paragraph(
            f"Tặng {form_name} cho {counts} có tên trong danh sách dưới đây:"
            if recipients
            else f"Tặng {form_name} (danh sách chưa được ghi nhận trên Cổng).",
            label="Điều 1.",
        )
    )
    blocks.append(Paragraph(decision.achievement, italic=True, label="Thành tích:"))
    if recipients:
        blocks.append(
            Table(
                [
                    Column("STT", 7, True),
                    Column("Tập thể / cá nhân", 17),
                    Column("Tên (như trong quyết định)", 42),
                    Column("Chức vụ, đơn vị (như in)", 34),
                ],
                [[str(r.order), r.get_kind_display(), r.name_as_printed, r.title_as_printed] for r in recipients],
            )
        )
    period = ""
    if decision.period_from:
        period = str(decision.period_from)
        if decision.period_to and decision.period_to != decision.period_from:
            period += f"-{decision.period_to}"
    if period and period not in decision.achievement:
        blocks.append(Paragraph(period, label="Giai đoạn:"))
    blocks.append(Placeholder("Điều 2.", "Tiền thưởng kèm theo (nếu có) và nguồn kinh phí (do cán bộ soạn thảo ghi)."))
    blocks.append(
        Placeholder("Điều 3.", "Hiệu lực và các cơ quan, tập thể, cá nhân chịu trách nhiệm thi hành (do cán bộ ghi).")
    )
    return Document(
        kind="award",
        title=f"Quyết định {decision.number}",
        stem=stem,
        header=header,
        blocks=blocks,
        signature=_signature(
            profile,
            title_lines=[decision.signer_title.upper()] if decision.signer_title else None,
            name=decision.signer_name,
        ),
    )
