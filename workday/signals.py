"""A report deleted while it is being corrected (a reopened imported report, never submitted, may be deleted):
its last published figures stop counting, so the summary rows of its cells are refreshed after the delete."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from reports.models import Conference
from workday.models import Correction


@receiver(pre_delete, sender=Conference)
def _remember_correction(sender, instance, **kwargs):
    instance._was_being_corrected = Correction.objects.filter(conference=instance, closed_at__isnull=True).exists()


@receiver(post_delete, sender=Conference)
def _refresh_rows(sender, instance, **kwargs):
    if getattr(instance, "_was_being_corrected", False):
        from reports import rollups

        rollups.conference_changed(instance)
