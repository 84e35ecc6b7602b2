"""Database router: reads inside movement.dbrouting.summary_reads() go to the summary database (a read
replica when DATABASE_REPLICA_URL is set); everything else goes to the primary. The replica is never
migrated (it is a copy of the primary)."""

from movement.dbrouting import read_alias


class SummaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = read_alias()
        return alias if alias and alias != "default" else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == "replica" else None
