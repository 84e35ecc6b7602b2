"""The record of a generated dataset: its parameters, how long it took and what it holds."""

from django.db import models


class GeneratedDataset(models.Model):
    """One run of generate_national_dataset. The rows it created carry its marks (see synthetic.marks);
    `is_complete` is set only when every table was written, so a half-written dataset is never reused."""

    scale = models.DecimalField("scale", max_digits=8, decimal_places=4)
    seed = models.BigIntegerField("seed")
    end_year = models.PositiveSmallIntegerField("last year")
    started_at = models.DateTimeField("started at", auto_now_add=True)
    finished_at = models.DateTimeField("finished at", null=True, blank=True)
    seconds = models.FloatField("seconds", null=True, blank=True)
    counts = models.JSONField("rows written", default=dict, blank=True)
    is_complete = models.BooleanField("complete", default=False)

    class Meta:
        verbose_name = "generated dataset"
        verbose_name_plural = "generated datasets"
        ordering = ["-started_at"]

    def __str__(self):
        return f"scale {self.scale} · seed {self.seed} · {self.end_year}"
