"""What a public store may answer: no count of people below the threshold, no peer worker."""

from __future__ import annotations

from functools import cache

from .. import access
from ..model import model
from .sparql_guard import QueryError


class PublicStoreLeaks(QueryError):
    """A public store holds what the public profile never publishes (small counts of people,
    peer workers' records): its answers are refused (exit code 2)."""


def _public_access(iri) -> bool:
    """An access right that anyone may read: the EU authority's PUBLIC, or the model's `public`."""
    return isinstance(iri, str) and iri.rstrip("/").rsplit("/", 1)[-1] in ("PUBLIC", "public")


@cache
def _guard_queries(min_count: int) -> tuple[str, str]:
    """(the access rights of the store's datasets, whether it holds what the public profile does
    not publish), as SPARQL built from the model and access's rule of small counts."""
    m = model()
    rights = m.classes["Dataset"].slots["access_rights"].uri
    counts = " ".join(f"<{m.classes[c].slots[s].uri}>" for c, s in sorted(access.PEOPLE_COUNTS))
    figure = m.classes["ScaleFigure"].slots
    unit_ns = figure["unit"].enum_uri.rstrip("/") + "/"
    units = " ".join(f'<{unit_ns}{u}> "{u}"' for u in sorted(access.PEOPLE_UNITS))
    small = f"FILTER(isNumeric(?n) && ?n < {int(min_count)})"
    leaks = (f"ASK {{ {{ VALUES ?p {{ {counts} }} ?s ?p ?n {small} }} "
             f"UNION {{ VALUES ?u {{ {units} }} ?f <{figure['unit'].uri}> ?u ; <{figure['quantity'].uri}> ?n {small} }} "
             f"UNION {{ ?w a <{m.classes['PeerWorker'].uri}> }} }}")
    return f"SELECT DISTINCT ?r WHERE {{ ?d <{rights}> ?r }}", leaks


def guard_public_store(run, min_count: int = access.DEFAULT_MIN_COUNT) -> bool:
    """Before an answer leaves a store: a store whose datasets are all public (or say nothing of
    their access rights) is answered only if it holds no count of people below the threshold and
    no peer worker, as `store load` writes a public store. `run(text)` -> (kind, columns, rows).
    Returns whether the store is public; raises PublicStoreLeaks."""
    rights_query, leaks_query = _guard_queries(min_count)
    rights = [row[0] for row in run(rights_query)[2]]
    if not all(_public_access(r) for r in rights):
        return False  # restricted or internal data: its readers may see every count
    if run(leaks_query)[2][0][0]:
        raise PublicStoreLeaks(
            f"this store's data is public, but it holds counts of people below {min_count} or peer workers' "
            "records, which the public profile never publishes (it was loaded by an older peer-schema or another "
            "tool): load it again with `peer-schema store load PATH... --replace`, which leaves them out")
    return True
