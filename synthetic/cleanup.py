"""Remove what the generator wrote (and nothing else), children first.

Deletes run as plain SQL DELETEs (QuerySet._raw_delete): the ORM's cascading delete would load every row
to send the history signals (and write a "deleted" history row for each of millions of rows)."""

from collections import Counter

from django.db import transaction

from movement.models import Unit
from reports.models import AwardTally, Conference, ConferenceTransition, IndicatorValue, SourceDocument
from synthetic.marks import UNIT_ADDRESS_MARK, generator_user
from synthetic.models import GeneratedDataset


def _delete(queryset) -> int:
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def delete_generated() -> Counter:
    counts: Counter = Counter()
    user = generator_user(create=False)
    if user is not None:
        from awards.models import (
            AwardDecision,
            AwardRecipient,
            CertificationCriterionResult,
            RecognitionDecision,
            SafetyCertification,
        )

        steps = [
            (AwardRecipient, AwardRecipient.objects.filter(decision__created_by=user)),
            (AwardDecision, AwardDecision.objects.filter(created_by=user)),
            (
                CertificationCriterionResult,
                CertificationCriterionResult.objects.filter(certification__registered_by=user),
            ),
            (SafetyCertification, SafetyCertification.objects.filter(registered_by=user)),
            (RecognitionDecision, RecognitionDecision.objects.filter(created_by=user)),
        ]
        conferences = Conference.objects.filter(created_by=user)
        for model in (IndicatorValue, AwardTally, SourceDocument, ConferenceTransition):
            steps.append((model, model.objects.filter(conference__in=conferences.values("pk"))))
        steps.append((Conference, Conference.objects.filter(created_by=user)))
        for model, queryset in steps:
            counts[model._meta.label] = _delete(queryset)
    units = Unit.objects.filter(address__startswith=UNIT_ADDRESS_MARK)
    counts[Unit._meta.label] = _delete(units)
    counts[GeneratedDataset._meta.label] = _delete(GeneratedDataset.objects.all())
    try:
        from reports import rollups
    except ImportError:
        rollups = None
    if rollups is not None and hasattr(rollups, "rebuild_all"):
        rollups.rebuild_all()
    return counts
