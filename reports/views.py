"""Staff pages for conference reports: the list, create and edit, the figure and tally table editors, the
transition buttons each role may use, and the history. Forms parse input; the services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from movement import staleness
from movement.access import Capability, has_any_capability, has_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from reports import selectors, services
from reports.filters import ConferenceFilter
from reports.forms import (
    ConferenceFilterForm,
    ConferenceForm,
    FigureFormSet,
    SourceDocumentForm,
    TallyFormSet,
    TransitionForm,
    apply_errors,
    breakdown_rows,
)
from reports.models import AwardTally, Conference
from reports.qualifiers import prefix

TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit for approval"),
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return for changes"),
    "publish": gettext_lazy("Publish"),
    "reopen": gettext_lazy("Reopen for changes"),
}


def _get_conference(request, pk) -> Conference:
    try:
        return selectors.conference_get(actor=request.user, pk=pk)
    except Conference.DoesNotExist:
        raise Http404


def _require_edit(request, conference):
    """The editors: 403 without the capability; an approved, published or submitted report is locked."""
    if not has_capability(actor=request.user, area=conference.area, capability=Capability.CONFERENCES_EDIT):
        raise PermissionDenied
    if not conference.is_editable:
        if conference.status in (Conference.Status.APPROVED, Conference.Status.PUBLISHED):
            messages.error(request, _("This report is approved: its figures are locked until an approver reopens it."))
        else:
            messages.error(request, _("This report has been submitted: it can be changed only after it is returned."))
        return redirect("conference-detail", pk=conference.pk)
    return None


def _version(form) -> int:
    """The version the form carried, or staleness.MISSING_VERSION (the service then refuses the write after
    its permission checks; `staleness.explain` says why)."""
    if form.is_valid() and form.cleaned_data.get("version") is not None:
        return form.cleaned_data["version"]
    return staleness.MISSING_VERSION


@login_required
def conference_list(request):
    form = ConferenceFilterForm(request.GET or None)
    queryset = selectors.conference_list(actor=request.user)
    filterset = ConferenceFilter(request.GET or None, queryset=queryset)
    conferences = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page = Paginator(conferences, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_create": has_any_capability(actor=request.user, capability=Capability.CONFERENCES_EDIT),
        "filter_errors": filterset.errors if filterset.is_bound else {},
    }
    return render(request, "reports/conference_list.html", context)


@login_required
def conference_create(request):
    if not has_any_capability(actor=request.user, capability=Capability.CONFERENCES_EDIT):
        raise PermissionDenied
    form = ConferenceForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            conference = services.conference_create(
                actor=request.user,
                programme=data.pop("programme"),
                kind=data.pop("kind"),
                title=data.pop("title"),
                area=data.pop("area"),
                **data,
            )
        except PermissionDeniedError:
            form.add_error("area", _("You may not enter reports for this administrative unit."))
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        else:
            messages.success(request, _("The draft report was created. Now enter its figures."))
            return redirect("conference-entry", pk=conference.pk)
    return render(request, "reports/conference_form.html", {"form": form, "conference": None})


@login_required
def conference_edit(request, pk):
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    initial = {field: getattr(conference, field) for field in services.CONFERENCE_FIELDS}
    initial["version"] = conference.version
    form = staleness.require_version(ConferenceForm(request.POST or None, actor=request.user, initial=initial))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.conference_update(
                actor=request.user,
                conference=conference,
                expected_version=form.cleaned_data.get("version"),
                **form.service_data(),
            )
        except PreconditionFailedError as error:
            form.add_error(None, str(error))
            now = _get_conference(request, pk)
            stale = staleness.for_form(
                form,
                instance=now,
                since_version=form.cleaned_data.get("version"),
                current=lambda name: _conference_value(now, name),
            )
        except PermissionDeniedError:
            form.add_error("area", _("You may not enter reports for this administrative unit."))
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("conference-detail", pk=conference.pk)
    context = {"form": form, "conference": conference, "stale": stale}
    return render(request, "reports/conference_form.html", context, status=409 if stale else 200)


def _attachments(user, conference) -> dict:
    from movement.attachments import max_bytes, visible

    files = visible(
        conference.attachments.order_by("created_at", "id"),
        actor=user,
        area=conference.area,
        record_is_public=conference.is_published,
    )
    may_attach = has_capability(actor=user, area=conference.area, capability=Capability.CONFERENCES_EDIT) or (
        has_capability(actor=user, area=conference.area, capability=Capability.CONFERENCES_APPROVE)
    )
    return {"attachment_files": list(files), "may_attach": may_attach, "attachment_max_mb": max_bytes() // 2**20}


def _may_delete(user, conference) -> bool:
    from reports.draft_views import may_delete_conference

    return may_delete_conference(user, conference)


def _conference_value(conference, name):
    if name == "chaired_by":
        return conference.chaired_by_lines
    return getattr(conference, name, None)


@login_required
def conference_detail(request, pk):
    conference = _get_conference(request, pk)
    allowed = services.conference_allowed_actions(actor=request.user, conference=conference)
    transitions = [(name, TRANSITION_LABELS[name]) for name in services.TRANSITIONS if name in allowed]
    context = {
        "conference": conference,
        "breakdown_names": selectors.breakdown_names(),
        "may_edit": "edit" in allowed,
        "may_delete": _may_delete(request.user, conference),
        **_attachments(request.user, conference),
        "transitions": transitions,
        "history": selectors.conference_history(conference=conference),
        "status_changes": selectors.conference_transitions(conference=conference),
    }
    return render(request, "reports/conference_detail.html", context)


def _formset_errors(formset, rows, error: ApplicationError, key: str) -> None:
    """Put the service's per-row errors ({key: [{…}, …]}) next to the fields of the rows they concern."""
    items = error.field_errors.get(key)
    if not isinstance(items, list):
        formset._non_form_errors = formset.error_class([str(error)])
        return
    for (form, _data), item in zip(rows, items, strict=False):
        if item:
            apply_errors(form, item, error.message)
    formset._non_form_errors = formset.error_class([str(error.message)])


def _editor(request, pk, *, formset_class, key, template, initial_rows, replace, compare, form_kwargs=None, extra=None):
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    version_form = staleness.require_version(
        TransitionForm(request.POST or None, initial={"version": conference.version})
    )
    # Rows are compared with nothing on POST: a row left as it was is still a row to keep.
    initial = None if request.method == "POST" else initial_rows(conference)
    formset = formset_class(request.POST or None, initial=initial, prefix=key, form_kwargs=form_kwargs or {})
    stale = None
    if request.method == "POST" and not version_form.is_valid():
        formset.is_valid()  # the rows' own errors too
        formset._non_form_errors = formset.error_class([staleness.missing_version_message()])
    elif request.method == "POST" and formset.is_valid():
        rows = formset.rows()
        try:
            replace(
                actor=request.user,
                conference=conference,
                expected_version=_version(version_form),
                **{key: [data for _form, data in rows]},
            )
        except PreconditionFailedError as error:
            formset._non_form_errors = formset.error_class([str(error)])
            now = _get_conference(request, pk)
            yours, current, labels = compare(now, [data for _form, data in rows])
            stale = staleness.for_rows(
                yours, current, instance=now, since_version=_version(version_form), labels=labels
            )
            staleness.move_version(version_form, now)
        except PermissionDeniedError:
            raise PermissionDenied
        except ApplicationError as error:
            _formset_errors(formset, rows, error, key)
        else:
            messages.success(request, _("The table was saved."))
            return redirect("conference-detail", pk=conference.pk)
    context = {
        "conference": conference,
        "formset": formset,
        "version_form": version_form,
        "stale": stale,
        **(extra or {}),
    }
    status = 200 if request.method != "POST" else (409 if stale else 400)
    return render(request, template, context, status=status)


def _amount(qualifier, value, out_of=None) -> str:
    text = f"{prefix(qualifier)} {staleness.display(value)}".strip()
    return f"{text}/{staleness.display(out_of)}" if out_of not in (None, "") else text


def _figure_compare(conference, rows):
    """The figure table as the user sent it and as saved now: {(indicator, breakdown): "hơn 10.000"}."""
    names = selectors.breakdown_names()

    def key_label(indicator, breakdown):
        return f"{indicator.name} ({names.get(breakdown, breakdown) if breakdown else _('total')})"

    labels, yours, current = {}, {}, {}
    for figure in conference.figures.select_related("indicator"):
        key = (figure.indicator.code, figure.breakdown)
        labels[key] = key_label(figure.indicator, figure.breakdown)
        current[key] = _amount(figure.qualifier, figure.value, figure.out_of)
    for row in rows:
        key = (row["indicator"].code, row["breakdown"])
        labels.setdefault(key, key_label(row["indicator"], row["breakdown"]))
        yours[key] = _amount(row["qualifier"], row["value"], row.get("out_of"))
    return yours, current, labels


def _tally_compare(conference, rows):
    """The award tallies as the user sent them and as saved now: {(issuer, form, recipients): "26"}."""
    labels, yours, current = {}, {}, {}
    kinds = dict(AwardTally.RecipientKind.choices)
    for tally in conference.tallies.select_related("issuer", "form"):
        key = (tally.issuer.code, tally.form.code, tally.recipient_kind)
        labels[key] = f"{tally.form} · {tally.issuer} · {kinds.get(tally.recipient_kind)}"
        current[key] = _amount(tally.qualifier, tally.count)
    for row in rows:
        key = (row["issuer"].code, row["form"].code, row["recipient_kind"])
        labels.setdefault(key, f"{row['form']} · {row['issuer']} · {kinds.get(row['recipient_kind'])}")
        yours[key] = _amount(row["qualifier"], row["count"])
    return yours, current, labels


def _figure_rows(conference):
    return [
        {
            "indicator": f.indicator.code,
            "breakdown": f.breakdown,
            "qualifier": f.qualifier,
            "value": f.value,
            "out_of": f.out_of,
            "period_label": f.period_label,
            "source_excerpt": f.source_excerpt,
            "note": f.note,
        }
        for f in conference.figures.all()
    ]


def _tally_rows(conference):
    return [
        {
            "issuer": t.issuer.code,
            "form": t.form.code,
            "recipient_kind": t.recipient_kind,
            "qualifier": t.qualifier,
            "count": t.count,
            "source_excerpt": t.source_excerpt,
            "note": t.note,
        }
        for t in conference.tallies.all()
    ]


def _indicator_rules(indicators) -> dict:
    """What the page's script checks as one types (the services check it all again)."""
    rules = {
        i.code: {
            "decimals": i.allows_decimals,
            "out_of": i.takes_out_of,
            "breakdowns": [b.code for b in i.breakdowns.all()],
        }
        for i in indicators
    }
    rules["_messages"] = {
        "number": _("Enter a number, e.g. 3.071 or 12,5."),
        "negative": _("A figure cannot be negative."),
        "decimals": _("This indicator counts whole units: no decimals."),
        "above": _("The value cannot be greater than its “out of” figure."),
        "no_out_of": _("This indicator does not take an “out of” figure."),
        "breakdown": _("This indicator cannot be split this way."),
    }
    return rules


@login_required
def conference_figures(request, pk):
    indicators = list(selectors.indicator_list().filter(is_active=True))
    return _editor(
        request,
        pk,
        formset_class=FigureFormSet,
        key="figures",
        template="reports/conference_figures.html",
        initial_rows=_figure_rows,
        replace=services.conference_figures_replace,
        compare=_figure_compare,
        form_kwargs={"indicators": selectors.indicator_list().filter(is_active=True), "breakdowns": breakdown_rows()},
        extra={"indicator_rules": _indicator_rules(indicators)},
    )


@login_required
def conference_tallies(request, pk):
    return _editor(
        request,
        pk,
        formset_class=TallyFormSet,
        key="tallies",
        template="reports/conference_tallies.html",
        initial_rows=_tally_rows,
        replace=services.conference_tallies_replace,
        compare=_tally_compare,
    )


@login_required
def conference_source_create(request, pk):
    conference = _get_conference(request, pk)
    locked = _require_edit(request, conference)
    if locked:
        return locked
    form = SourceDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_document_create(actor=request.user, conference=conference, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        else:
            messages.success(request, _("The source document was added."))
            return redirect("conference-detail", pk=conference.pk)
    return render(request, "reports/source_form.html", {"conference": conference, "form": form})


@login_required
@require_POST
def conference_transition(request, pk, name):
    if name not in services.TRANSITIONS:
        raise Http404
    conference = _get_conference(request, pk)
    form = TransitionForm(request.POST)
    kwargs = {"expected_version": _version(form)}
    if name in ("return", "reopen"):
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        services.TRANSITIONS[name](actor=request.user, conference=conference, **kwargs)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error))
    except ApplicationError as error:
        error = staleness.explain(error, kwargs["expected_version"])
        messages.error(request, " ".join([str(error.message), *_flatten(error.field_errors)]))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": TRANSITION_LABELS[name]})
    return redirect(reverse("conference-detail", kwargs={"pk": conference.pk}))


def _flatten(field_errors: dict) -> list[str]:
    result = []
    for key, value in (field_errors or {}).items():
        if key == "status":
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                result.append(text)
    return result
