"""`merge()`: bundles from several organisations as one folder of datasets, with a report.

1. Every bundle is checked and read in memory before anything is written (`safe_zip`,
   `datapackage.check`): one unsafe, damaged or incompatible bundle stops the whole merge. So
   does a bundle whose datasets' access rights are not those of its manifest's profile; a
   manifest without a profile is taken as the strictest (`access.STRICTEST`: non_public).
2. Records are merged, bundles in command-line order:
   - the same identifier in two bundles is one record;
   - organisations with different identifiers are one when they share a register entry or a
     website (`matching`): the first identifier is kept and every reference to the other is
     rewritten to it;
   - when two bundles disagree on a field of the same record, the merged record keeps the value
     of the bundle named first, and the disagreement is reported field by field; a field that
     only a later bundle gives is added;
   - memberships (which have no identifier) are the same when member, federation and start date
     are;
   - records never enter a dataset more people may read than the one they come from (Refused),
     and a field is never added across datasets of different access rights;
   - organisations with the same normalised name in the same country are listed as probable
     duplicates, never merged.
3. Provenance: each record stays in the dataset it came from (the first bundle that had it),
   one file per dataset, with its own publisher, licence and access rights; each dataset's
   `was_derived_from` names the bundle(s) it came in. `peer-schema export` turns this into
   PROV-O: every record `prov:wasDerivedFrom` its dataset, the dataset `prov:wasDerivedFrom`
   the bundle (a citation whose `url` is the bundle's manifest id).
4. The folder (`data/*.json`, `merge-report.json`) is built in a temporary folder beside the
   output and renamed into place at the end: a failed merge leaves no partial output and an
   earlier output as it was; two merges racing to one new folder never replace each other
   (`merge_output`).
5. Memory is bounded by the limits of `ZipLimits` (unpacked bytes and JSON values per bundle;
   `bundle_reading`): docs/limits.md gives the bound.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from ..validation import UsageError
from .bundle_reading import Bundle, _check_access, _check_prefixes, _check_profiles, _labels, read_bundle
from .merge_output import REPORT, _prepare_output, _publish, _write_folder
from .merge_summary import summary_text
from .record_merger import KEPT_RULE, MergeResult, _Merger
from .safe_zip import ZipLimits

__all__ = ["KEPT_RULE", "REPORT", "Bundle", "MergeResult", "_Merger", "merge", "read_bundle", "summary_text"]


def _records(loaded: list[Bundle]) -> int:
    """The records read so far (for the progress of a merge)."""
    from ..model import model

    containers = model().containers
    return sum(len(doc.get(c) or ()) for b in loaded for doc in b.docs for c in containers)


def merge(bundles, out: str | Path, *, replace: bool = False, limits: ZipLimits | None = None,
          progress: Callable[[int, int, str, int], None] | None = None) -> MergeResult:
    """Merge the bundles (zip files) into the folder `out`. Raises BadBundle (a bundle is unsafe,
    damaged, lying or incompatible; the output cannot be written: exit 2), Refused (the data
    cannot be merged: exit 1), UsageError (a wrong call: exit 2). Nothing is written unless the
    whole merge succeeds. `progress(done, total, bundle, records)` is called as each bundle is
    read (records: read so far)."""
    paths = [Path(p) for p in bundles]
    if not paths:
        raise UsageError("name at least one bundle")
    out = Path(out)
    _prepare_output(out, replace, paths)
    # Large trees of fresh objects and no cycles: the cyclic collector would only scan them again
    # and again (as in validate()). Paused for the reading and the merge.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = []
        for n, (p, label) in enumerate(zip(paths, _labels(paths))):
            if progress:
                progress(n, len(paths), str(p), _records(loaded))
            loaded.append(read_bundle(p, label, limits))
        if progress:
            progress(len(paths), len(paths), "", _records(loaded))
        _check_access(loaded)
        _check_profiles(loaded)
        _check_prefixes(loaded)
        merger = _Merger(loaded)
        result = merger.run()
    finally:
        if gc_was_enabled:
            gc.enable()
    result.out = out
    docs = list(merger.out_docs.values())
    for doc in docs:
        doc.pop("_origin", None)
    _publish(docs, result)
    _write_folder(out, docs, result.to_dict(), replace)
    return result

