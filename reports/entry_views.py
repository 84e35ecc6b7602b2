"""The figure grid: one page with the catalogue's indicators (by group, with unit and allowed breakdowns),
the report's figures and its award tallies, saved once. Values are typed as printed; every row is checked
and all errors are shown at once on their rows; nothing is saved unless every row is valid. Works without
JavaScript (a fixed, generous number of rows); with static/reports/entry.js rows are added without a
reload, Enter moves along and a block pasted from Excel fills the grid."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from movement import staleness
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from reports import entry, selectors, spreadsheet
from reports.models import AwardForm, AwardTally, Breakdown, IssuingAuthority
from reports.qualifiers import Qualifier
from reports.views import _figure_compare, _get_conference, _require_edit, _tally_compare

FREE_FIGURE_ROWS = 10  # rows with an indicator to choose, beyond one row per indicator
SPARE_TALLY_ROWS = 8
ROW_KEY = re.compile(r"^([ft])-(\d{1,4})-([a-z_]{2,20})$")
FIGURE_KEYS = ("indicator", "breakdown", "qualifier", "value", "out_of", "source_excerpt", "note")
TALLY_KEYS = ("issuer", "form", "recipient_kind", "qualifier", "count", "source_excerpt", "note")


def _posted_rows(post) -> tuple[list[dict], list[dict]]:
    """The grid's rows as typed, in page order ({"f": {index: {field: text}}, "t": …}); bounded."""
    found: dict[str, dict[int, dict]] = {"f": {}, "t": {}}
    for key in post:
        match = ROW_KEY.match(key)
        if match:
            kind, index, field = match.group(1), int(match.group(2)), match.group(3)
            found[kind].setdefault(index, {})[field] = post.get(key, "")[:2000]
    if len(found["f"]) > entry.MAX_ROWS or len(found["t"]) > entry.MAX_ROWS:
        raise ApplicationError(_("At most %(max)s rows at a time.") % {"max": entry.MAX_ROWS})
    return [found["f"][i] for i in sorted(found["f"])], [found["t"][i] for i in sorted(found["t"])]


def _figure_rows_initial(conference, indicators) -> list[dict]:
    by_indicator: dict[int, list] = {}
    for figure in conference.figures.all():
        by_indicator.setdefault(figure.indicator_id, []).append(figure)
    rows = []
    for indicator in indicators:
        figures = by_indicator.get(indicator.pk) or [None]
        for figure in figures:
            rows.append(
                {
                    "indicator": indicator.code,
                    "breakdown": figure.breakdown if figure else "",
                    "qualifier": figure.qualifier if figure else Qualifier.EXACT,
                    "value": entry.display_number(figure.value) if figure else "",
                    "out_of": entry.display_number(figure.out_of) if figure else "",
                    "source_excerpt": figure.source_excerpt if figure else "",
                    "note": figure.note if figure else "",
                }
            )
    return rows


def _merge_copied(figure_rows, tally_rows, previous, *, with_values: bool) -> int:
    """Add the previous report's rows to the grid (in place): a row already filled is kept as it is; an
    indicator's blank row takes the first copied row of that indicator. Nothing is saved here."""
    figures, tallies = entry.copied_rows(previous, with_values=with_values)
    filled = {(r["indicator"], r["breakdown"]) for r in figure_rows if r["value"]}
    added = 0
    for row in figures:
        if (row["indicator"], row["breakdown"]) in filled:
            continue
        blank = next(
            (r for r in figure_rows if r["indicator"] == row["indicator"] and not r["value"] and not r.get("_copied")),
            None,
        )
        if blank is not None:
            blank.update(row)
            blank["_copied"] = True
        else:
            figure_rows.append({**row, "_copied": True})
        added += 1
    have = {(t["issuer"], t["form"], t["recipient_kind"]) for t in tally_rows}
    for row in tallies:
        if (row["issuer"], row["form"], row["recipient_kind"]) not in have:
            tally_rows.append(row)
            added += 1
    return added


def _tally_rows_initial(conference) -> list[dict]:
    return [
        {
            "issuer": t.issuer.code,
            "form": t.form.code,
            "recipient_kind": t.recipient_kind,
            "qualifier": t.qualifier,
            "count": entry.display_number(t.count),
            "source_excerpt": t.source_excerpt,
            "note": t.note,
        }
        for t in conference.tallies.select_related("issuer", "form")
    ]


def _grid_context(conference, indicators, figure_rows, tally_rows, figure_errors=None, tally_errors=None):
    """Rows for the template: each indicator's rows in its group, then the free rows; then the tallies."""
    figure_errors = figure_errors or {}
    tally_errors = tally_errors or {}
    by_code = {i.code: i for i in indicators}
    placed: dict[str, list] = {}
    free = []
    for position, row in enumerate(figure_rows):
        item = {"row": row, "errors": figure_errors.get(position, {}), "indicator": by_code.get(row.get("indicator"))}
        if item["indicator"] is not None and not row.get("_free"):
            placed.setdefault(item["indicator"].code, []).append(item)
        elif any((row.get(k) or "").strip() for k in FIGURE_KEYS) or item["errors"]:
            free.append(item)
    index = 0
    groups = []
    for label, members in entry.indicator_groups(indicators):
        lines = []
        for indicator in members:
            items = placed.get(indicator.code) or [{"row": {"indicator": indicator.code}, "errors": {}}]
            for number, item in enumerate(items):
                item.update({"index": index, "indicator": indicator, "first": number == 0})
                lines.append(item)
                index += 1
        groups.append({"label": label, "lines": lines})
    free_lines = []
    for item in free + [{"row": {}, "errors": {}} for _i in range(max(FREE_FIGURE_ROWS - len(free), 3))]:
        item.update({"index": index, "free": True})
        free_lines.append(item)
        index += 1
    tallies = []
    for position, row in enumerate(tally_rows):
        tallies.append({"index": position, "row": row, "errors": tally_errors.get(position, {})})
    for position in range(len(tallies), len(tallies) + SPARE_TALLY_ROWS):
        tallies.append({"index": position, "row": {}, "errors": {}})
    return {
        "groups": groups,
        "free_lines": free_lines,
        "next_figure_index": index,
        "tally_lines": tallies,
        "next_tally_index": len(tallies),
        "indicators": indicators,
        "breakdowns": list(Breakdown.objects.order_by("rank", "code")),
        "issuers": list(IssuingAuthority.objects.order_by("level", "code")),
        "award_forms": list(AwardForm.objects.order_by("rank", "code")),
        "recipient_kinds": AwardTally.RecipientKind.choices,
        "qualifiers": Qualifier.choices,
        "max_rows": entry.MAX_ROWS,
    }


def _errors_by_position(rows_with_data, errors_list) -> dict[int, dict]:
    """Errors keyed by the row's position among the rows typed (blank rows have none)."""
    result = {}
    for (position, _data), errors in zip(rows_with_data, errors_list, strict=False):
        if errors:
            result[position] = {
                field: [str(m) for m in (v if isinstance(v, list) else [v])] for field, v in errors.items()
            }
    return result


@login_required
def conference_entry(request, pk):
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    indicators = list(selectors.indicator_list().filter(is_active=True))
    version = conference.version
    stale = None
    status = 200
    summary = None
    previous = entry.previous_conference(actor=request.user, conference=conference)
    copied = None
    if request.method != "POST":
        figure_rows, tally_rows = _figure_rows_initial(conference, indicators), _tally_rows_initial(conference)
        if previous is not None and request.GET.get("copy") in ("rows", "values"):
            copied = _merge_copied(figure_rows, tally_rows, previous, with_values=request.GET["copy"] == "values")
        context = _grid_context(conference, indicators, figure_rows, tally_rows)
    else:
        try:
            figure_rows, tally_rows = _posted_rows(request.POST)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("conference-entry", pk=conference.pk)
        for row in figure_rows:
            row["_free"] = bool(row.pop("free", ""))
        try:
            posted_version = int(request.POST.get("version", ""))
        except ValueError:
            messages.error(request, _("The page was out of date: open it again and re-enter the values."))
            return redirect("conference-entry", pk=conference.pk)
        figure_data, figure_errors = [], {}
        for position, raw in enumerate(figure_rows):
            data, errors = entry.figure_row(raw)
            if errors:
                figure_errors[position] = errors
            elif data is not None:
                figure_data.append((position, data))
        tally_data, tally_errors = [], {}
        for position, raw in enumerate(tally_rows):
            data, errors = entry.tally_row(raw)
            if errors:
                tally_errors[position] = errors
            elif data is not None:
                tally_data.append((position, data))
        checked_figures, checked_tallies = entry.check_rows(
            conference=conference, figures=[d for _p, d in figure_data], tallies=[d for _p, d in tally_data]
        )
        figure_errors.update(_errors_by_position(figure_data, checked_figures))
        tally_errors.update(_errors_by_position(tally_data, checked_tallies))
        if not figure_errors and not tally_errors:
            try:
                entry.conference_entry_save(
                    actor=request.user,
                    conference=conference,
                    figures=[d for _p, d in figure_data],
                    tallies=[d for _p, d in tally_data],
                    expected_version=posted_version,
                )
            except PreconditionFailedError as error:
                summary = str(error)
                now = _get_conference(request, pk)
                figures = [d for _p, d in figure_data]
                tallies = [d for _p, d in tally_data]
                try:
                    yours_f, current_f, labels_f = _figure_compare(now, _resolved_figures(figures, indicators))
                    yours_t, current_t, labels_t = _tally_compare(now, _resolved_tallies(tallies))
                except (KeyError, IssuingAuthority.DoesNotExist, AwardForm.DoesNotExist):
                    yours_f = current_f = labels_f = yours_t = current_t = labels_t = {}
                stale = staleness.for_rows(
                    {**yours_f, **yours_t},
                    {**current_f, **current_t},
                    instance=now,
                    since_version=posted_version,
                    labels={**labels_f, **labels_t},
                )
                version = now.version  # saving again keeps the typed values knowingly
                status = 409
            except PermissionDeniedError:
                raise PermissionDenied
            except ApplicationError as error:
                summary = str(error.message)
                status = 400
            else:
                messages.success(request, _("The figures and award tallies were saved."))
                return redirect("conference-detail", pk=conference.pk)
        else:
            count = len(figure_errors) + len(tally_errors)
            summary = _("%(count)s rows have errors: nothing was saved. Correct them below and save again.") % {
                "count": count
            }
            status = 400
        context = _grid_context(conference, indicators, figure_rows, tally_rows, figure_errors, tally_errors)
        context["error_count"] = len(figure_errors) + len(tally_errors)
    context.update(
        {
            "conference": conference,
            "version": version,
            "stale": stale,
            "summary": summary,
            "previous": previous,
            "copied": copied,
        }
    )
    return render(request, "reports/conference_entry.html", context, status=status)


def _resolved_figures(rows, indicators):
    by_code = {i.code: i for i in indicators}
    return [{**row, "indicator": by_code[row["indicator"]]} for row in rows]


def _resolved_tallies(rows):
    issuers = {i.code: i for i in IssuingAuthority.objects.all()}
    forms = {f.code: f for f in AwardForm.objects.all()}
    return [{**row, "issuer": issuers[row["issuer"]], "form": forms[row["form"]]} for row in rows]


# ---------------------------------------------------------------------------------------------------------------
# The spreadsheet template and its upload (preview, then confirm)


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled template (.xlsx)"),
        help_text=gettext_lazy("The workbook downloaded from this report, with the values typed in."),
    )


def _import_session_key(conference) -> str:
    return f"conference-import-{conference.pk}"


@require_GET
@login_required
def conference_template(request, pk):
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    response = HttpResponse(
        spreadsheet.conference_template(conference),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{conference.pk}-mau-nhap-lieu.xlsx"'
    return response


@login_required
def conference_import(request, pk):
    """Upload → preview (every row's error with sheet and row) → confirm (all rows, or nothing)."""
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    key = _import_session_key(conference)
    result = None
    status = 200
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(key)
        if not stored:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("conference-import", pk=pk)
        try:
            result = spreadsheet.conference_import_rows(
                actor=request.user,
                conference=conference,
                figure_rows=stored["figures"],
                tally_rows=stored["tallies"],
                dry_run=False,
                expected_version=stored["version"],
            )
        except PreconditionFailedError as error:
            request.session.pop(key, None)
            messages.error(request, str(error))
            return redirect("conference-import", pk=pk)
        except PermissionDeniedError:
            raise PermissionDenied
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status = 400
        else:
            if result.saved:
                request.session.pop(key, None)
                messages.success(
                    request,
                    _("Imported: %(f)s figures and %(t)s award tallies.")
                    % {"f": len(result.figures), "t": len(result.tallies)},
                )
                return redirect("conference-detail", pk=pk)
            status = 400
    elif request.method == "POST" and form.is_valid():
        try:
            figure_rows, tally_rows = spreadsheet.read_workbook(form.cleaned_data["file"])
            result = spreadsheet.conference_import_rows(
                actor=request.user, conference=conference, figure_rows=figure_rows, tally_rows=tally_rows
            )
        except ApplicationError as error:
            for message in (error.field_errors or {}).get("file", []) or [error.message]:
                form.add_error("file", str(message))
            status = 400
        else:
            request.session[key] = {"figures": figure_rows, "tallies": tally_rows, "version": conference.version}
            status = 400 if result.errors else 200
    elif request.method == "POST":
        status = 400
    context = {
        "conference": conference,
        "form": form,
        "result": result,
        "preview": _named(result.as_dict()) if result else None,
    }
    return render(request, "reports/conference_import.html", context, status=status)


def _named(preview: dict) -> dict:
    """The preview's codes with their names (indicator, breakdown, issuer, form, recipients, qualifier)."""
    names = _preview_names()
    for row in preview["figures"]:
        row["indicator_name"] = names["indicators"].get(row["indicator"], row["indicator"])
        row["breakdown_name"] = names["breakdowns"].get(row["breakdown"], row["breakdown"]) if row["breakdown"] else ""
        row["qualifier_name"] = names["qualifiers"].get(row["qualifier"], "")
    for row in preview["tallies"]:
        row["issuer_name"] = names["issuers"].get(row["issuer"], row["issuer"])
        row["form_name"] = names["forms"].get(row["form"], row["form"])
        row["kind_name"] = names["kinds"].get(row["recipient_kind"], row["recipient_kind"])
        row["qualifier_name"] = names["qualifiers"].get(row["qualifier"], "")
    return preview


def _preview_names() -> dict:
    return {
        "indicators": {i.code: f"{i.name} ({i.unit})" for i in selectors.indicator_list()},
        "breakdowns": selectors.breakdown_names(),
        "issuers": {a.code: a.name for a in IssuingAuthority.objects.all()},
        "forms": {f.code: f.name for f in AwardForm.objects.all()},
        "kinds": dict(AwardTally.RecipientKind.choices),
        "qualifiers": dict(Qualifier.choices),
    }
