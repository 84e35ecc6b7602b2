"""Staff page: paste a report (or upload .txt / .docx) → review the proposed figures, highlighted in the text,
accept / correct / reject each → confirm creates a DRAFT conference with the text as its source document.

Nothing is saved before the confirmation: the text and the proposals travel in a signed token in the page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from extraction import selectors, services
from extraction.engine import Place, Span
from extraction.forms import (
    FigureFormSet,
    ReviewForm,
    TallyFormSet,
    TextForm,
    catalogue_choices,
    decimal_or_none,
    read_pending,
    sign_pending,
)
from extraction.highlight import Mark, chunks
from movement.access import Capability, has_any_capability
from movement.errors import ApplicationError, PermissionDeniedError
from movement.throttling import rate_limit
from reports.forms import apply_errors

# one review page is one form: at about 8 fields a row, 100 rows stay well within Django's
# DATA_UPLOAD_MAX_NUMBER_FIELDS (1000)
MAX_REVIEW_ROWS = 100


def _require_entry(request) -> None:
    if not has_any_capability(actor=request.user, capability=Capability.CONFERENCES_EDIT):
        raise PermissionDenied


@login_required
@rate_limit("import")  # API_THROTTLE_IMPORT; only the POSTs count
def extraction_start(request):
    """Step 1: the text. On POST, read it and show the review (step 2); nothing is saved."""
    _require_entry(request)
    form = TextForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.extraction_propose(
                actor=request.user, text=data["text"], reference_date=data.get("reference_date")
            )
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        else:
            payload = _payload(result.to_dict(), text=services.check_text(data["text"]), file_name=data["file_name"])
            rows = len(payload["figures"]) + len(payload["tallies"])
            if rows <= MAX_REVIEW_ROWS:
                return _review(request, payload)
            form.add_error(
                "text" if not data["file_name"] else "file",
                _(
                    "This text gives %(n)s proposals; one review takes at most %(max)s. Split the text "
                    "(one conference at a time) and read each part."
                )
                % {"n": rows, "max": MAX_REVIEW_ROWS},
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "extraction/extraction_start.html", {"form": form}, status=status)


def _payload(result: dict, *, text: str, file_name: str) -> dict:
    rows = [{**f, "kind": "figure"} for f in result["figures"]]
    rows += [
        {
            **u,
            "kind": "unclassified",
            "indicator": None,
            "breakdown": None,
            "phrase": "",
            "evidence": [],
            "period_label": "",
            "notes": [],
        }
        for u in result["unclassified"]
    ]
    return {
        "text": text,
        "file_name": file_name,
        "figures": rows,
        "tallies": result["tallies"],
        "conference": result["conference"],
        "notes": result["notes"],
    }


def _figure_initial(rows: list[dict]) -> list[dict]:
    return [
        {
            "proposal": index,
            "decision": "accept" if row["kind"] == "figure" else "reject",
            "indicator": row["indicator"] or "",
            "breakdown": row["breakdown"] or "",
            "qualifier": row["qualifier"],
            "value": decimal_or_none(row["value"]),
            "out_of": decimal_or_none(row["out_of"]),
            "period_label": row.get("period_label") or "",
        }
        for index, row in enumerate(rows)
    ]


def _tally_initial(rows: list[dict]) -> list[dict]:
    return [
        {
            "proposal": index,
            "decision": "accept" if row["issuer"] and row["form"] else "correct",
            "issuer": row["issuer"] or "",
            "form": row["form"] or "",
            "recipient_kind": row["recipient_kind"],
            "qualifier": row["qualifier"],
            "count": row["count"],
        }
        for index, row in enumerate(rows)
    ]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _area_proposals(request, payload: dict) -> list:
    """The administrative units the text names where it says who held the conference (the user's own only)."""
    facts = payload["conference"]
    places = [
        Place(
            p["name"],
            p["level"],
            p["prefix"],
            Span(p["span"]["start"], p["span"]["end"], p["span"]["text"]),
            p.get("in_conference_sentence", False),
        )
        for p in facts.get("places", [])
    ]
    return selectors.area_suggestions(actor=request.user, places=places, held_on=_date(facts.get("held_on")))


def _review_initial(request, payload: dict, areas: list) -> dict:
    facts = payload["conference"]
    period = facts.get("period") or {}
    held = _date(facts.get("held_on"))
    return {
        "token": sign_pending(payload),
        "programme": facts.get("programme"),
        "kind": facts.get("kind") or "",
        "title": (facts.get("title") or "")[:300],
        "area": areas[0] if areas else None,
        "held_on": held,
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
        "period_label": period.get("label") or "",
        "source_title": (facts.get("title") or payload.get("file_name") or "")[:400],
        "source_published_on": _date(facts.get("published_on")),
    }


def _marks(payload: dict) -> list[Mark]:
    marks = []
    for index, row in enumerate(payload["figures"]):
        kind = row["kind"]
        label = ("F" if kind == "figure" else "U") + str(index + 1)
        marks.append(
            Mark(row["span"]["start"], row["span"]["end"], f"f{index + 1}", label, kind, row.get("phrase", ""))
        )
        for span in row.get("evidence", []):
            marks.append(Mark(span["start"], span["end"], "", label, "evidence"))
    for index, row in enumerate(payload["tallies"]):
        label = f"T{index + 1}"
        marks.append(Mark(row["span"]["start"], row["span"]["end"], f"t{index + 1}", label, "tally"))
        for span in row.get("evidence", []):
            marks.append(Mark(span["start"], span["end"], "", label, "evidence"))
    return marks


def _review(request, payload, *, review_form=None, figure_formset=None, tally_formset=None, status=200):
    choices = catalogue_choices()
    figure_kwargs = {"indicators": choices["indicators"], "breakdowns": choices["breakdowns"]}
    tally_kwargs = {"issuers": choices["issuers"], "award_forms": choices["award_forms"]}
    areas = _area_proposals(request, payload)
    if review_form is None:
        review_form = ReviewForm(initial=_review_initial(request, payload, areas), actor=request.user)
        figure_formset = FigureFormSet(
            initial=_figure_initial(payload["figures"]), prefix="figures", form_kwargs=figure_kwargs
        )
        tally_formset = TallyFormSet(
            initial=_tally_initial(payload["tallies"]), prefix="tallies", form_kwargs=tally_kwargs
        )
    figure_rows = []
    for form in figure_formset:
        index = _proposal_index(form, len(payload["figures"]))
        figure_rows.append((form, payload["figures"][index] if index is not None else None, index))
    tally_rows = []
    for form in tally_formset:
        index = _proposal_index(form, len(payload["tallies"]))
        tally_rows.append((form, payload["tallies"][index] if index is not None else None, index))
    context = {
        "review_form": review_form,
        "figure_formset": figure_formset,
        "tally_formset": tally_formset,
        "figure_rows": figure_rows,
        "tally_rows": tally_rows,
        "chunks": chunks(payload["text"], _marks(payload)),
        "facts": payload["conference"],
        "area_proposals": areas,
        "conference_places": [p for p in payload["conference"].get("places", []) if p.get("in_conference_sentence")],
        "notes": payload["notes"],
        "file_name": payload.get("file_name", ""),
        "indicator_names": {i.code: i.name for i in choices["indicators"]},
        "breakdown_names": {b.code: b.name for b in choices["breakdowns"]},
        "kind_names": dict(ReviewForm.base_fields["kind"].choices),
    }
    return render(request, "extraction/extraction_review.html", context, status=status)


def _proposal_index(form, total: int) -> int | None:
    value = form["proposal"].value()
    try:
        index = int(value)
    except (TypeError, ValueError):
        return None
    return index if 0 <= index < total else None


def _same_figure(values: dict, proposal: dict) -> bool:
    return (
        values["indicator"] == proposal["indicator"]
        and (values["breakdown"] or None) == (proposal["breakdown"] or None)
        and values["qualifier"] == proposal["qualifier"]
        and values["value"] == decimal_or_none(proposal["value"])
        and values["out_of"] == decimal_or_none(proposal["out_of"])
        and (values["period_label"] or "") == (proposal.get("period_label") or "")
    )


def _same_tally(values: dict, proposal: dict) -> bool:
    return all(values[k] == proposal[k] for k in ("issuer", "form", "recipient_kind", "count", "qualifier"))


def _decide(formset, proposals, *, same, build, incomplete, counts) -> tuple[list[dict], list]:
    """The rows to save (accepted as proposed, or corrected) and the forms they came from."""
    items, forms_used = [], []
    for form in formset:
        index = _proposal_index(form, len(proposals))
        if index is None:
            form.add_error(None, _("This row does not belong to the text under review."))
            continue
        proposal = proposals[index]
        decision = form.cleaned_data["decision"]
        values = form.values()
        if decision == "reject":
            counts["rejected"] += 1
            continue
        if decision == "accept":
            if not same(values, proposal):
                form.add_error(
                    "decision", _("You changed this row: choose “Correct” to keep your changes, or “Reject”.")
                )
                continue
            if incomplete(proposal):
                form.add_error(
                    "decision", _("This proposal is incomplete: choose “Correct” and fill it in, or “Reject”.")
                )
                continue
            counts["accepted"] += 1
        else:
            counts["corrected"] += 1
        items.append(build(values, proposal))
        forms_used.append(form)
    return items, forms_used


def _figure_item(values: dict, proposal: dict) -> dict:
    return {
        "indicator": values["indicator"],
        "breakdown": values["breakdown"] or "",
        "value": values["value"],
        "out_of": values["out_of"],
        "qualifier": values["qualifier"],
        "period_label": values["period_label"],
        "source_excerpt": proposal["span"]["text"],
    }


def _tally_item(values: dict, proposal: dict) -> dict:
    return {**values, "source_excerpt": proposal["span"]["text"]}


def _row_errors(error: ApplicationError, key: str, forms_used: list) -> bool:
    items = error.field_errors.get(key)
    if not isinstance(items, list):
        return False
    for form, item in zip(forms_used, items, strict=False):
        if item:
            apply_errors(form, item, error.message)
    return True


@login_required
@require_POST
def extraction_confirm(request):
    """Step 3: create the draft conference from the rows the person accepted or corrected (all or nothing)."""
    _require_entry(request)
    payload = read_pending(request.POST.get("token", ""))
    if payload is None:
        messages.error(request, _("The review has expired or was changed. Paste or upload the text again."))
        return redirect("extraction-start")
    choices = catalogue_choices()
    review_form = ReviewForm(request.POST, actor=request.user)
    figure_formset = FigureFormSet(
        request.POST,
        prefix="figures",
        form_kwargs={"indicators": choices["indicators"], "breakdowns": choices["breakdowns"]},
    )
    tally_formset = TallyFormSet(
        request.POST,
        prefix="tallies",
        form_kwargs={"issuers": choices["issuers"], "award_forms": choices["award_forms"]},
    )
    review_valid = review_form.is_valid()
    if figure_formset.is_valid() and tally_formset.is_valid():
        counts = {"accepted": 0, "corrected": 0, "rejected": 0}
        figures, figure_forms = _decide(
            figure_formset,
            payload["figures"],
            same=_same_figure,
            build=_figure_item,
            incomplete=lambda p: p["kind"] != "figure" or not p["indicator"],
            counts=counts,
        )
        tallies, tally_forms = _decide(
            tally_formset,
            payload["tallies"],
            same=_same_tally,
            build=_tally_item,
            incomplete=lambda p: not (p["issuer"] and p["form"]),
            counts=counts,
        )
        if review_valid and not any(f.errors for f in [*figure_formset, *tally_formset]):
            data = review_form.cleaned_data
            try:
                conference = services.extraction_confirm(
                    actor=request.user,
                    text=payload["text"],
                    area=data["area"],
                    programme=data["programme"],
                    kind=data["kind"],
                    title=data["title"],
                    organiser=data.get("organiser") or "",
                    held_on=data.get("held_on"),
                    is_date_from_publication=bool(data.get("is_date_from_publication")),
                    period_start=data.get("period_start"),
                    period_end=data.get("period_end"),
                    period_label=data.get("period_label") or "",
                    figures=figures,
                    tallies=tallies,
                    source_title=data.get("source_title") or "",
                    source_published_on=data.get("source_published_on"),
                    counts=counts,
                )
            except PermissionDeniedError:
                review_form.add_error("area", _("You may not enter reports for this administrative unit."))
            except ApplicationError as error:
                placed = _row_errors(error, "figures", figure_forms)
                placed = _row_errors(error, "tallies", tally_forms) or placed
                other = {k: v for k, v in error.field_errors.items() if k not in ("figures", "tallies")}
                apply_errors(review_form, other, None if placed else error.message)
            else:
                messages.success(
                    request,
                    _(
                        "The draft report was created with %(f)s figures and %(t)s award tallies. Check it, then submit it."
                    )
                    % {"f": len(figures), "t": len(tallies)},
                )
                return redirect("conference-detail", pk=conference.pk)
    return _review(
        request,
        payload,
        review_form=review_form,
        figure_formset=figure_formset,
        tally_formset=tally_formset,
        status=400,
    )
