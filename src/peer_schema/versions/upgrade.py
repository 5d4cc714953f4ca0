"""Bundles of earlier versions of the model, brought to this package's version before a merge
(`exchange/merge.py` calls `upgrade_dataset` on each dataset it reads)."""

from __future__ import annotations

from .. import SCHEMA_VERSION
from ..exchange.errors import BadBundle
from . import SchemaUnavailable, parse_version, released
from .migrate import MigrationRefused, migrate


def upgrade_dataset(doc: dict, where: str) -> dict:
    """The dataset migrated to this package's version when it names an earlier released one;
    as it is otherwise (the bundle's major-version check has already passed). A dataset that
    cannot be migrated without inventing data refuses the bundle (exit code 2)."""
    theirs = doc.get("schema_version")
    try:
        if not isinstance(theirs, str) or theirs not in released() or \
                parse_version(theirs) >= parse_version(SCHEMA_VERSION):
            return doc
        return migrate(doc, SCHEMA_VERSION).data
    except SchemaUnavailable:
        return doc
    except MigrationRefused as exc:
        problems = "; ".join(exc.problems) or str(exc)
        raise BadBundle(f"{where}: made with version {theirs} of the model, which cannot be brought to "
                        f"{SCHEMA_VERSION} safely (run peer-schema migrate on its data): {problems}") from None
