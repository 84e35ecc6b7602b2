"""Fast multi-row INSERTs of plain tuples, for tables with millions of rows (the synthetic national dataset,
rebuilding the summary rows). Not for user data: no validation, no history, no audit.

Django's bulk_create builds a model instance and prepares every value of every row in Python (about
0.1 ms a row); for 1.5 million certifications that is most of the run. Rows here are tuples already in
database form, written with COPY on PostgreSQL (one per batch) and executemany on SQLite. Columns not given take the field's default, "" for blank text, NULL where the
field allows it, and the time of the run for auto_now / auto_now_add fields."""

import datetime
import io
import json

from django.db import connection, models
from django.utils import timezone


class RowWriter:
    def __init__(self, model, columns: list[str], *, batch_size: int = 5_000):
        self.model = model
        self.batch_size = batch_size
        opts = model._meta
        given = [opts.get_field(name) for name in columns]
        now = timezone.now()
        constants = []
        for field in opts.concrete_fields:
            if field.primary_key or field in given:
                continue
            constants.append((field, self._constant(field, now)))
        self.fields = given + [f for f, _v in constants]
        self.constants = tuple(v for _f, v in constants)
        self.table = opts.db_table
        quote = connection.ops.quote_name
        self.column_sql = ", ".join(quote(f.column) for f in self.fields)
        self.sqlite = connection.vendor == "sqlite"
        self.rows_written = 0
        if self.sqlite:
            self.adapters = [self._sqlite_adapter(f) for f in self.fields]

    @staticmethod
    def _constant(field, now):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        raise ValueError(f"{field.model.__name__}.{field.name} needs a value")

    @staticmethod
    def _sqlite_adapter(field):
        ops = connection.ops
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return lambda v: None if v is None else v.isoformat()
        if isinstance(field, models.DecimalField):
            return lambda v: None if v is None else str(v)
        if isinstance(field, models.JSONField):
            return lambda v: field.get_db_prep_save(v, connection)
        return None

    def write_returning_ids(self, rows: list[tuple]) -> list[int]:
        """Write the rows and return their primary keys, in order."""
        if not rows:
            return []
        if not self.sqlite:
            from psycopg2.extras import execute_values

            pk = connection.ops.quote_name(self.model._meta.pk.column)
            sql = f"INSERT INTO {self.table} ({self.column_sql}) VALUES %s RETURNING {pk}"  # noqa: S608  # nosec B608
            with connection.cursor() as cursor:
                full = [row + self.constants for row in rows]
                ids = [r[0] for r in execute_values(cursor.cursor, sql, full, page_size=self.batch_size, fetch=True)]
            self.rows_written += len(rows)
            return ids
        # SQLite: inside the caller's transaction nobody else writes, and AUTOINCREMENT keys are consecutive.
        if not connection.in_atomic_block:
            raise RuntimeError("write_returning_ids needs a transaction on SQLite")
        self.write(rows)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({self.model._meta.pk.column}) FROM {self.table}")  # noqa: S608  # nosec B608
            last = cursor.fetchone()[0]
        return list(range(last - len(rows) + 1, last + 1))

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        constants = self.constants
        full = [row + constants for row in rows]
        with connection.cursor() as cursor:
            if self.sqlite:
                adapters = [(i, a) for i, a in enumerate(self.adapters) if a is not None]
                if adapters:
                    converted = []
                    for row in full:
                        row = list(row)
                        for i, adapt in adapters:
                            row[i] = adapt(row[i])
                        converted.append(row)
                    full = converted
                placeholders = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {self.table} ({self.column_sql}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
                for start in range(0, len(full), self.batch_size):
                    cursor.executemany(sql, full[start : start + self.batch_size])
            else:
                buffer = io.StringIO()
                for row in full:
                    buffer.write("\t".join(_copy_text(v) for v in row))
                    buffer.write("\n")
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {self.table} ({self.column_sql}) FROM STDIN", buffer)
        self.rows_written += len(rows)


def _copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # dates and datetimes (aware: the offset is kept)
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text
