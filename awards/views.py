"""Pages: the public list of issued award decisions; staff pages for certifications (register,
self-assessment, the police review queue with bulk recognition), award decisions (draft, recipients,
import, issue, annul) and movement ratings. Forms parse input; the services decide."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import formset_factory
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors, services
from awards.attachments import attachment_context
from awards.filters import AwardDecisionFilter, CertificationFilter, RatingFilter
from awards.forms import (
    AwardDecisionFilterForm,
    AwardDecisionForm,
    CertificationQueueFilterForm,
    CertificationRegisterForm,
    CriterionResultForm,
    ImportUploadForm,
    RatingApproveForm,
    RatingFilterForm,
    RatingForm,
    ReasonForm,
    RecipientForm,
    RecognitionDecisionForm,
    ReviewForm,
    apply_errors,
    apply_validation_error,
)
from awards.imports import read_recipient_file
from awards.models import AwardDecision, MovementRating, SafetyCertification
from movement import staleness
from movement.access import Capability, area_scope_q, has_any_capability, has_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from movement.lookups import as_id
from movement.throttling import rate_limit

PAGE_SIZE = 50


def _page(request, queryset, size=PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _fail(request, error: Exception) -> None:
    """Show a service error as a message (used by the one-button transitions)."""
    if isinstance(error, ValidationError):
        messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, str(error))


def _version(request) -> int:
    """The version a staff POST carries (staleness.MISSING_VERSION without one: the service then refuses
    the write after its permission checks, and `staleness.explain` says why)."""
    return staleness.version_from_post(request)


# --- public ------------------------------------------------------------------------------------------------


def award_public_list(request):
    queryset = selectors.award_decision_public_list()
    form = AwardDecisionFilterForm(request.GET or None)
    form.fields.pop("status")
    filterset = AwardDecisionFilter(request.GET or None, queryset=queryset)
    decisions = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page, query = _page(request, decisions, 20)
    return render(request, "awards/public_decision_list.html", {"page": page, "query": query, "form": form})


def award_public_detail(request, pk):
    decision = get_object_or_404(selectors.award_decision_public_list(), pk=pk)
    files = attachment_context(actor=None, kind="award", record=decision)["attachment_files"]
    return render(request, "awards/public_decision_detail.html", {"decision": decision, "attachment_files": files})


# --- certifications ----------------------------------------------------------------------------------------


def _get_certification(request, pk) -> SafetyCertification:
    return get_object_or_404(selectors.certification_list(actor=request.user), pk=pk)


@login_required
def certification_queue(request):
    """The police review queue: filters, the criteria results side by side, and bulk recognition."""
    params = request.GET.copy()
    if not params:
        params["status"] = SafetyCertification.Status.SUBMITTED
    form = CertificationQueueFilterForm(params, actor=request.user)
    queryset = selectors.certification_review_queue(actor=request.user)
    filter_data = QueryDict(mutable=True)
    for key in params:
        values = [value.strip() for value in params.getlist(key) if value.strip()]
        if values:
            filter_data.setlist(key, values)
    filterset = CertificationFilter(filter_data, queryset=queryset)
    certifications = filterset.qs if filterset.is_valid() else queryset.none()
    page, query = _page(request, certifications)
    may_review = has_any_capability(actor=request.user, capability=Capability.CERTIFICATIONS_REVIEW)
    rows = [
        {
            "certification": c,
            "results": list(c.results.all()),
            "may_recognise": may_review
            and c.status == SafetyCertification.Status.APPROVED
            and c.submitted_by_id != request.user.pk,
        }
        for c in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "max_criteria": max((len(r["results"]) for r in rows), default=0),
        "may_review": may_review,
        "may_register": has_any_capability(actor=request.user, capability=Capability.CERTIFICATIONS_EDIT),
        "recognition_form": RecognitionDecisionForm(),
    }
    return render(request, "awards/certification_queue.html", context)


@login_required
@require_POST
def certification_bulk_recognise(request):
    form = RecognitionDecisionForm(request.POST)
    ids = [as_id(v) for v in request.POST.getlist("certifications") if as_id(v)]
    certifications = list(selectors.certification_list(actor=request.user).filter(pk__in=ids))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect(request.POST.get("next") or "certification-queue")
    try:
        decision = services.recognition_decision_create(
            actor=request.user, certifications=certifications, **form.cleaned_data
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error))
    except (ApplicationError, ValidationError) as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            _("%(n)s certifications were recognised under decision %(number)s.")
            % {"n": len(certifications), "number": decision.number},
        )
    return redirect(request.POST.get("next") or "certification-queue")


@login_required
def certification_register(request):
    if not has_any_capability(actor=request.user, capability=Capability.CERTIFICATIONS_EDIT):
        raise PermissionDenied
    form = CertificationRegisterForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_register(actor=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            form.add_error(None, _("You may not register certifications for this subject."))
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Registered. Now enter the self-assessment against each criterion."))
            return redirect("certification-assess", pk=certification.pk)
    return render(request, "awards/certification_register.html", {"form": form})


@login_required
def certification_detail(request, pk):
    certification = _get_certification(request, pk)
    user = request.user
    may_review = has_capability(actor=user, area=certification.area, capability=Capability.CERTIFICATIONS_REVIEW)
    own = certification.submitted_by_id == user.pk
    status = SafetyCertification.Status
    context = {
        "certification": certification,
        "results": list(certification.results.all()),
        "may_edit": has_capability(actor=user, area=certification.area, capability=Capability.CERTIFICATIONS_EDIT)
        and certification.status in (status.REGISTERED, status.REJECTED),
        "may_review": may_review and not own,
        "own_submission": may_review and own,
        "review_form": ReviewForm(initial={"version": certification.version}),
        "reason_form": ReasonForm(initial={"version": certification.version}),
        "recognition_form": RecognitionDecisionForm(),
        **attachment_context(actor=user, kind="certification", record=certification),
    }
    return render(request, "awards/certification_detail.html", context)


@login_required
def certification_assess(request, pk):
    certification = _get_certification(request, pk)
    if not has_capability(actor=request.user, area=certification.area, capability=Capability.CERTIFICATIONS_EDIT):
        raise PermissionDenied
    results = list(certification.results.all())
    ResultFormSet = formset_factory(CriterionResultForm, extra=0)
    initial = [
        {"is_met": {True: "yes", False: "no"}.get(r.is_met, ""), "evidence_note": r.evidence_note} for r in results
    ]
    formset = ResultFormSet(request.POST or None, initial=initial)
    if formset.is_bound and len(formset.forms) != len(results):  # no (or a wrong) management form: a 400
        messages.error(request, _("The form was incomplete: reload the page and try again."))
        formset = ResultFormSet(initial=initial)
        context = {
            "certification": certification,
            "formset": formset,
            "rows": list(zip(results, formset.forms, strict=True)),
        }
        return render(request, "awards/certification_assess.html", context, status=400)
    if request.method == "POST" and formset.is_valid():
        if _version(request) == staleness.MISSING_VERSION:  # before anything is saved, even a draft
            _fail(request, staleness.MissingVersionError())
            return redirect("certification-assess", pk=certification.pk)
        data = [
            {
                "number": r.criterion.number,
                "is_met": f.cleaned_data.get("is_met"),
                "evidence_note": f.cleaned_data.get("evidence_note", ""),
            }
            for r, f in zip(results, formset.forms, strict=True)
        ]
        try:
            if "submit" in request.POST:
                services.certification_submit(
                    actor=request.user, certification=certification, results=data, expected_version=_version(request)
                )
                messages.success(request, _("Submitted for police review."))
            else:
                services.certification_assess(
                    actor=request.user, certification=certification, results=data, expected_version=_version(request)
                )
                messages.success(request, _("The self-assessment was saved."))
        except PreconditionFailedError:
            # Someone saved it meanwhile: keep what was typed, show what changed, save nothing.
            now = _get_certification(request, pk)
            yours, current, labels = _results_compare(now, data)
            stale = staleness.for_rows(yours, current, instance=now, since_version=_version(request), labels=labels)
            rows = list(zip(results, formset.forms, strict=True))
            context = {"certification": now, "formset": formset, "rows": rows, "stale": stale}
            return render(request, "awards/certification_assess.html", context, status=409)
        except (ApplicationError, ValidationError) as error:
            _fail(request, error)
            if "submit" in request.POST and not isinstance(error, PermissionDeniedError):
                # keep what was typed: save the draft results, then show the page again
                with contextlib.suppress(ApplicationError, ValidationError):
                    services.certification_assess(actor=request.user, certification=certification, results=data)
                return redirect("certification-assess", pk=certification.pk)
        return redirect("certification-detail", pk=certification.pk)
    rows = list(zip(results, formset.forms, strict=True))
    context = {"certification": certification, "formset": formset, "rows": rows}
    return render(request, "awards/certification_assess.html", context)


def _result_text(is_met, note) -> str:
    verdict = {True: _("Met"), False: _("Not met")}.get(is_met, _("Not assessed yet"))
    return f"{verdict}: {note}" if note else str(verdict)


def _results_compare(certification, data):
    """The self-assessment as the user sent it and as saved now: {criterion number: "Met: note"}."""
    labels, current = {}, {}
    for result in certification.results.select_related("criterion").order_by("criterion__number"):
        number = result.criterion.number
        labels[number] = f"{_('Criterion')} {number}"
        current[number] = _result_text(result.is_met, result.evidence_note)
    yours = {item["number"]: _result_text(item["is_met"], item["evidence_note"]) for item in data}
    return yours, current, labels


TRANSITIONS = {"approve", "reject", "revoke", "recognise"}


@login_required
@require_POST
def certification_transition(request, pk, name):
    if name not in TRANSITIONS:
        raise Http404
    certification = _get_certification(request, pk)
    version = _version(request)
    try:
        if name == "approve":
            form = ReviewForm(request.POST)
            form.is_valid()
            services.certification_approve(
                actor=request.user,
                certification=certification,
                note=form.cleaned_data.get("note", ""),
                expected_version=version,
            )
            messages.success(request, _("Approved."))
        elif name in ("reject", "revoke"):
            reason = request.POST.get("reason", "")
            service = services.certification_reject if name == "reject" else services.certification_revoke
            service(actor=request.user, certification=certification, reason=reason, expected_version=version)
            messages.success(request, _("Rejected.") if name == "reject" else _("Revoked."))
        else:
            form = RecognitionDecisionForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, " ".join(errors))
                return redirect("certification-detail", pk=pk)
            services.recognition_decision_create(
                actor=request.user,
                certifications=[certification],
                expected_versions={certification.pk: version} if version else None,
                **form.cleaned_data,
            )
            messages.success(request, _("Recognised."))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error))
    except (ApplicationError, ValidationError) as error:
        _fail(request, staleness.explain(error, version))
    return redirect("certification-detail", pk=pk)


# --- award decisions ---------------------------------------------------------------------------------------


def _get_decision(request, pk) -> AwardDecision:
    return get_object_or_404(selectors.award_decision_list(actor=request.user), pk=pk)


def _may_delete(user, decision) -> bool:
    from awards.draft_views import may_delete_decision

    return may_delete_decision(user, decision)


def _staff_decisions(request):
    """Decisions of the actor's areas (drafts, issued, annulled); issued decisions of other areas are on the
    public list."""
    return selectors.award_decision_list(actor=request.user).filter(
        area_scope_q(actor=request.user, capability=Capability.READ_UNPUBLISHED, via="area")
    )


@login_required
def award_list(request):
    form = AwardDecisionFilterForm(request.GET or None)
    queryset = _staff_decisions(request)
    filterset = AwardDecisionFilter(request.GET or None, queryset=queryset)
    decisions = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page, query = _page(request, decisions)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "may_create": has_any_capability(actor=request.user, capability=Capability.AWARDS_DRAFT),
    }
    return render(request, "awards/award_list.html", context)


def _decision_form_save(request, form, decision=None):
    data = form.service_data()
    try:
        if decision is None:
            return services.award_decision_create(actor=request.user, area=data.pop("area"), **data)
        return services.award_decision_update(
            actor=request.user, decision=decision, expected_version=form.cleaned_data.get("version"), **data
        )
    except PermissionDeniedError:
        form.add_error("area", _("You may not record award decisions for this administrative unit."))
    except PreconditionFailedError as error:
        form.add_error(None, str(error))
        now = _get_decision(request, decision.pk)
        form.stale = staleness.for_form(form, instance=now, since_version=form.cleaned_data.get("version"))
    except ApplicationError as error:
        apply_errors(form, error.field_errors, error.message)
    except ValidationError as error:
        apply_validation_error(form, error)
    return None


@login_required
def award_create(request):
    if not has_any_capability(actor=request.user, capability=Capability.AWARDS_DRAFT):
        raise PermissionDenied
    form = AwardDecisionForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        decision = _decision_form_save(request, form)
        if decision:
            messages.success(request, _("The draft decision was recorded. Now add its recipients."))
            return redirect("award-detail", pk=decision.pk)
    return render(request, "awards/award_form.html", {"form": form, "decision": None})


@login_required
def award_edit(request, pk):
    decision = _get_decision(request, pk)
    if not has_capability(actor=request.user, area=decision.area, capability=Capability.AWARDS_DRAFT):
        raise PermissionDenied
    if not decision.is_editable:
        messages.error(request, _("An issued decision is never edited: annul it and record a new one."))
        return redirect("award-detail", pk=pk)
    initial = {name: getattr(decision, name) for name in services.AWARD_FIELDS}
    initial["version"] = decision.version
    form = staleness.require_version(AwardDecisionForm(request.POST or None, actor=request.user, initial=initial))
    if request.method == "POST" and form.is_valid() and _decision_form_save(request, form, decision):
        messages.success(request, _("Saved."))
        return redirect("award-detail", pk=pk)
    stale = getattr(form, "stale", None)
    context = {"form": form, "decision": decision, "stale": stale}
    return render(request, "awards/award_form.html", context, status=409 if stale else 200)


@login_required
def award_detail(request, pk):
    decision = _get_decision(request, pk)
    user = request.user
    may_draft = has_capability(actor=user, area=decision.area, capability=Capability.AWARDS_DRAFT)
    recipient_form = RecipientForm(request.POST or None, actor=user)
    if request.method == "POST":
        if not may_draft:
            raise PermissionDenied
        if recipient_form.is_valid():
            data = {
                k: v for k, v in recipient_form.cleaned_data.items() if v not in (None, "") or k == "title_as_printed"
            }
            version = _version(request)
            try:
                services.award_recipient_add(actor=user, decision=decision, expected_version=version, **data)
            except ApplicationError as error:
                error = staleness.explain(error, version)
                apply_errors(recipient_form, error.field_errors, error.message)
            except ValidationError as error:
                apply_validation_error(recipient_form, error)
            else:
                messages.success(request, _("The recipient was added."))
                return redirect("award-detail", pk=pk)
    context = {
        "decision": decision,
        "may_draft": may_draft and decision.is_editable,
        "may_delete": _may_delete(user, decision),
        "may_issue": has_capability(actor=user, area=decision.area, capability=Capability.AWARDS_ISSUE),
        "recipient_form": recipient_form,
        "reason_form": ReasonForm(initial={"version": decision.version}),
        **attachment_context(actor=user, kind="award", record=decision),
    }
    return render(request, "awards/award_detail.html", context)


@login_required
@require_POST
def award_transition(request, pk, name):
    decision = _get_decision(request, pk)
    version = _version(request)
    try:
        if name == "issue":
            services.award_decision_issue(actor=request.user, decision=decision, expected_version=version)
            messages.success(request, _("The decision is marked issued and appears on the public list."))
        elif name == "annul":
            services.award_decision_annul(
                actor=request.user, decision=decision, reason=request.POST.get("reason", ""), expected_version=version
            )
            messages.success(request, _("The decision was annulled."))
        elif name == "delete":
            services.award_decision_delete(actor=request.user, decision=decision, expected_version=version)
            messages.success(request, _("The draft decision was deleted."))
            return redirect("award-list")
        elif name == "remove-recipient":
            recipient = get_object_or_404(decision.recipients.all(), pk=as_id(request.POST.get("recipient")) or 0)
            services.award_recipient_delete(actor=request.user, recipient=recipient, expected_version=version)
            messages.success(request, _("The recipient was removed."))
        else:
            raise Http404
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error))
    except (ApplicationError, ValidationError) as error:
        _fail(request, staleness.explain(error, version))
    return redirect("award-detail", pk=pk)


def _session_key(decision) -> str:
    return f"awards-import-{decision.pk}"


@login_required
@rate_limit("import")  # API_THROTTLE_IMPORT; only the POSTs count
def award_import(request, pk):
    """Upload → preview (a dry run with per-row errors) → confirm (saves every row, or nothing)."""
    decision = _get_decision(request, pk)
    if not has_capability(actor=request.user, area=decision.area, capability=Capability.AWARDS_DRAFT):
        raise PermissionDenied
    if not decision.is_editable:
        messages.error(request, _("An issued decision is never edited: annul it and record a new one."))
        return redirect("award-detail", pk=pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    result = None
    key = _session_key(decision)
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(key)
        if not stored:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("award-import", pk=pk)
        rows = [services.ImportRow(**raw) for raw in stored["rows"]]
        try:
            result = services.award_recipients_import(
                actor=request.user, decision=decision, rows=rows, dry_run=False, expected_version=stored["version"]
            )
        except ApplicationError as error:
            _fail(request, error)
        else:
            request.session.pop(key, None)
            messages.success(request, _("%(n)s recipients were added.") % {"n": result.saved})
            return redirect("award-detail", pk=pk)
    elif request.method == "POST" and form.is_valid():
        try:
            rows = read_recipient_file(form.cleaned_data["file"])
            result = services.award_recipients_import(actor=request.user, decision=decision, rows=rows, dry_run=True)
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        else:
            raw = [{"row": r.row, "name": r.name, "kind": r.kind, "title": r.title, "unit": r.unit} for r in rows]
            request.session[key] = {"rows": raw, "version": decision.version}
    context = {
        "decision": decision,
        "form": form,
        "result": result,
        "rows": [r.as_dict() for r in result.rows] if result else [],
    }
    return render(request, "awards/award_import.html", context)


# --- ratings -------------------------------------------------------------------------------------------------


@login_required
def rating_list(request):
    form = RatingFilterForm(request.GET or None)
    queryset = selectors.rating_list(actor=request.user)
    filterset = RatingFilter(request.GET or None, queryset=queryset)
    ratings = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page, query = _page(request, ratings)
    user = request.user
    rows = [
        {
            "rating": r,
            "may_approve": r.status == MovementRating.Status.SELF_SCORED
            and r.scored_by_id != user.pk
            and has_capability(actor=user, area=r.area, capability=Capability.RATINGS_APPROVE),
        }
        for r in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "may_create": has_any_capability(actor=user, capability=Capability.RATINGS_SELF_SCORE),
        "schemes": selectors.rating_scheme_list(),
    }
    return render(request, "awards/rating_list.html", context)


@login_required
def rating_create(request):
    if not has_any_capability(actor=request.user, capability=Capability.RATINGS_SELF_SCORE):
        raise PermissionDenied
    form = RatingForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_create(actor=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            form.add_error(None, _("You may not rate this subject."))
        except ApplicationError as error:
            apply_errors(form, error.field_errors, error.message)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The self-score was recorded."))
            return redirect("rating-list")
    return render(request, "awards/rating_form.html", {"form": form})


@login_required
@require_POST
def rating_approve(request, pk):
    rating = get_object_or_404(selectors.rating_list(actor=request.user), pk=pk)
    form = RatingApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("rating-list")
    version = form.cleaned_data.get("version")
    version = staleness.MISSING_VERSION if version is None else version
    try:
        services.rating_approve(
            actor=request.user,
            rating=rating,
            score=form.cleaned_data.get("score"),
            note=form.cleaned_data.get("note") or "",
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error))
    except (ApplicationError, ValidationError) as error:
        _fail(request, staleness.explain(error, version))
    else:
        messages.success(request, _("The score was approved."))
    return redirect("rating-list")
