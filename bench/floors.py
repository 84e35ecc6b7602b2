"""The SQL floor of a summary: hand-written SQL, run directly on a cursor, that fetches the same data the
summary selector reads (conference statistics, figure and tally totals from the summary rows, their
provenance capped per number, record counts, the names of the areas and the conferences behind the numbers
with their documents). Nothing is built from the rows: this is what the database alone costs.

lean=True (the default since issue 16): the shape the summary API answers now, each number linking to its
sources instead of listing them: no provenance queries, only the conferences listed."""

SOURCE_LIMIT = 20


def _window(alias: str) -> str:
    return (
        f"{alias}.window_start_min <= %(y1)s AND {alias}.window_start_max >= %(y1)s "
        f"AND {alias}.window_end_min <= %(y2)s AND {alias}.window_end_max >= %(y2)s "
        f"AND {alias}.window_start_max <= %(y2)s AND {alias}.window_end_min >= %(y1)s"
    )


def summary_floor(
    cursor, *, programme_id, y1: int, y2: int, area=None, holds_legacy=False, by_province=True, lean=True
) -> int:
    """Run every query of one summary; return the number of rows fetched."""
    params = {
        "programme": programme_id,
        "y1": y1,
        "y2": y2,
        "path": area.path if area else "",
        "area": area.pk if area else 0,
    }
    programme = " AND {a}.programme_id = %(programme)s" if programme_id is not None else ""
    if area is None:
        place = ""
    elif holds_legacy:
        place = " AND ({a}.province_path = %(path)s OR {a}.current_province_id = %(area)s)"
    else:
        place = " AND {a}.province_path = %(path)s"
    key = "{a}.current_province_id" if by_province else "{a}.area_key"
    rows = 0

    def run(sql):
        nonlocal rows
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
        rows += len(fetched)
        return fetched

    conference_place = ""
    if area is not None:
        conference_place = " AND (u.path LIKE %(path)s || '%%'" + (
            " OR u.current_province_id = %(area)s)" if holds_legacy else ")"
        )
    conference_programme = " AND c.programme_id = %(programme)s" if programme_id is not None else ""
    conference_scope = (
        "FROM reports_conference c JOIN movement_administrativeunit u ON u.id = c.area_id "
        f"WHERE c.status = 'published' AND c.period_start >= %(start)s AND c.period_end <= %(end)s"
        f"{conference_programme}{conference_place}"
    )
    params["start"], params["end"] = f"{y1}-01-01", f"{y2}-12-31"
    run(
        "SELECT COUNT(*), MAX(c.updated_at), MAX(c.published_at), COUNT(DISTINCT u.current_province_id) "  # noqa: S608
        f"{conference_scope}"
    )
    f = {"a": "f"}
    totals = run(
        'SELECT f.indicator_id, i.code, i.name_vi, i.name_en, i.unit_vi, i.unit_en, i."group", i.rank, '  # noqa: S608
        f"i.takes_out_of, f.breakdown, f.qualifier, {key.format(**f)}, f.year, SUM(f.value_total), "
        "SUM(f.ratio_value_total), SUM(f.out_of_total), SUM(f.parts), SUM(f.ratio_parts) "
        "FROM reports_figuresummary f JOIN reports_indicator i ON i.id = f.indicator_id "
        f"WHERE {_window('f')}{programme.format(**f)}{place.format(**f)} "
        f'GROUP BY f.indicator_id, i.code, i.name_vi, i.name_en, i.unit_vi, i.unit_en, i."group", i.rank, '
        f"i.takes_out_of, f.breakdown, f.qualifier, {key.format(**f)}, f.year"
    )
    s = {"a": "s"}
    sources = (
        []
        if lean
        else run(
            "SELECT * FROM (SELECT s.indicator_id, s.breakdown, "  # noqa: S608
            f"{key.format(**s)} AS k, s.year, s.conference_id, v.source_excerpt, v.period_label, v.value, "
            "v.qualifier, v.out_of, ROW_NUMBER() OVER (PARTITION BY s.indicator_id, s.breakdown, "
            f"{key.format(**s)} ORDER BY s.period_end DESC, s.conference_id DESC) AS rank "
            "FROM reports_figuresource s JOIN reports_indicatorvalue v ON v.id = s.figure_id "
            f"WHERE {_window('s')}{programme.format(**s)}{place.format(**s)}) ranked WHERE rank <= {SOURCE_LIMIT}"
        )
    )
    t = {"a": "t"}
    years = "t.first_year >= %(y1)s AND t.first_year <= %(y2)s AND t.year >= %(y1)s AND t.year <= %(y2)s"
    run(
        "SELECT fo.code, fo.name_vi, fo.name_en, fo.rank, ia.code, ia.name_vi, ia.name_en, ia.level, "  # noqa: S608
        f"t.recipient_kind, t.qualifier, {key.format(**t)}, t.year, SUM(t.count_total), SUM(t.parts) "
        "FROM reports_tallysummary t JOIN reports_awardform fo ON fo.id = t.form_id "
        "JOIN reports_issuingauthority ia ON ia.id = t.issuer_id "
        f"WHERE {years}{programme.format(**t)}{place.format(**t)} "
        "GROUP BY fo.code, fo.name_vi, fo.name_en, fo.rank, ia.code, ia.name_vi, ia.name_en, ia.level, "
        f"t.recipient_kind, t.qualifier, {key.format(**t)}, t.year"
    )
    tally_sources = (
        []
        if lean
        else run(
            "SELECT * FROM (SELECT fo.code, ia.code, t.recipient_kind, "  # noqa: S608
            f"{key.format(**t)} AS k, t.conference_id, a.source_excerpt, a.count, a.qualifier, "
            f"ROW_NUMBER() OVER (PARTITION BY t.form_id, t.issuer_id, t.recipient_kind, {key.format(**t)} "
            "ORDER BY t.period_end DESC, t.conference_id DESC) AS rank "
            "FROM reports_tallysource t JOIN reports_awardtally a ON a.id = t.tally_id "
            "JOIN reports_awardform fo ON fo.id = t.form_id JOIN reports_issuingauthority ia ON ia.id = t.issuer_id "
            f"WHERE {years}{programme.format(**t)}{place.format(**t)}) ranked WHERE rank <= {SOURCE_LIMIT}"
        )
    )
    record_place = " AND province_path = %(path)s" if area is not None and not holds_legacy else ""
    run(
        "SELECT metric, breakdown, province_path, year, value, out_of, labels FROM reports_recordcountsummary "  # noqa: S608
        f"WHERE (year IS NULL OR (year >= %(y1)s AND year <= %(y2)s)){record_place}"
    )
    if by_province and area is None:
        run(f"SELECT DISTINCT u.current_province_id, u.path {conference_scope}")  # noqa: S608
    keys = {row[11] for row in totals}
    ids = [k for k in keys if isinstance(k, int)] or [0]
    paths = [k for k in keys if isinstance(k, str)] or [""]
    params["ids"], params["paths"] = tuple(ids), tuple(paths)
    run(
        "SELECT u.id, u.name, u.path, u.level, u.generation, p.name, pp.name, cp.name "
        "FROM movement_administrativeunit u LEFT JOIN movement_administrativeunit p ON p.id = u.parent_id "
        "LEFT JOIN movement_administrativeunit pp ON pp.id = p.parent_id "
        "LEFT JOIN movement_administrativeunit cp ON cp.id = u.current_province_id "
        "WHERE u.id IN %(ids)s OR u.path IN %(paths)s"
        if cursor.db.vendor == "postgresql"
        else "SELECT u.id, u.name, u.path FROM movement_administrativeunit u WHERE u.id IN ({}) OR u.path IN ({})".format(
            ",".join(str(int(i)) for i in ids), ",".join("'" + p.replace("'", "") + "'" for p in paths)
        )
    )
    run("SELECT code, name_vi, name_en, rank FROM reports_breakdown")
    conference_ids = {row[4] for row in sources} | {row[4] for row in tally_sources} or {0}
    listed = run(
        f"SELECT c.id {conference_scope} ORDER BY c.period_end DESC, c.held_on DESC, c.id DESC LIMIT 100"  # noqa: S608
    )
    conference_ids |= {row[0] for row in listed}
    id_list = ",".join(str(int(i)) for i in conference_ids)
    run(
        "SELECT c.id, c.title, c.held_on, c.is_date_from_publication, c.period_label, c.period_end, c.published_at, "  # noqa: S608
        "c.kind, p.code, p.title, u.name, u.path, u.level, u.generation, par.name, cp.name "
        "FROM reports_conference c JOIN reports_programme p ON p.id = c.programme_id "
        "JOIN movement_administrativeunit u ON u.id = c.area_id "
        "LEFT JOIN movement_administrativeunit par ON par.id = u.parent_id "
        "LEFT JOIN movement_administrativeunit cp ON cp.id = u.current_province_id "
        f"WHERE c.id IN ({id_list})"
    )
    run(
        "SELECT conference_id, id, title, publisher, author, published_on, url FROM reports_sourcedocument "  # noqa: S608
        f"WHERE conference_id IN ({id_list}) ORDER BY id"
    )
    return rows
