"""`peer-schema bundle` and `peer-schema merge` (the work is in exchange/bundle.py and exchange/merge.py).

Exit codes, as for validate: 0 done; 1 errors in the data (nothing written); 2 an input could
not be read, a bundle is unsafe, damaged or incompatible, or the call was wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, positive, progress_bar, refusals, run_handler, say


@run_handler
def _cmd_bundle(args: argparse.Namespace) -> int:
    from ..exchange.bundle import make_bundle
    from ..exchange.errors import BadBundle, Refused
    from ..report.text import render_text
    from ..validation import UsageError

    try:
        with refusals("bundle", UsageError, BadBundle):
            summary = make_bundle(args.paths, args.output, args.profile, recipient=args.recipient,
                                  key_file=args.key_file, min_count=args.min_count, purpose=args.purpose,
                                  only_consented=args.only_consented, progress=progress_bar("checked"))
    except Refused as exc:
        if exc.report is not None:
            exc.report.lang = args.lang
            print(render_text(exc.report), file=sys.stderr)
        say("bundle", f"{exc}; nothing written")
        return EXIT_UNREADABLE if exc.report is not None and exc.report.unreadable else EXIT_ERRORS
    if summary.key_created:
        print(f"peer-schema bundle: created a new pseudonym key in {args.key_file} (32 random bytes, readable by "
              "you only). Keep it, and use it for every bundle: the same key and recipient give the same "
              "pseudonyms. It is never put into a bundle.", file=sys.stderr)
    left = summary.left_out
    notes = []
    if summary.pseudonymised:
        notes.append(f"{summary.pseudonymised} peer worker(s) pseudonymised for {summary.recipient}")
    if left.records:
        notes.append("left out: " + ", ".join(f"{n} {cls} record(s)" for cls, n in sorted(left.records.items())))
    # a research bundle's consents to other audiences or purposes (access.ONLY_CONSENTS_IN_USE)
    consents = left.fields.get("PeerWorker.disclosure_consents", 0) if summary.profile == "research" else 0
    if sum(left.fields.values()) > consents:
        notes.append(f"{sum(left.fields.values()) - consents} field value(s) not allowed in the {summary.profile} "
                     "profile left out")
    if consents:
        notes.append(f"{consents} consent(s) to other audiences or purposes left out")
    not_consented = dict(summary.not_consented)
    if not_consented.get("PeerWorker"):
        notes.append(f"{not_consented.pop('PeerWorker')} peer worker(s) without consent for this left out")
    if sum(not_consented.values()):
        notes.append(f"{sum(not_consented.values())} field value(s) without consent for this left out")
    if left.threshold is not None:
        notes.append(f"{sum(left.suppressed.values())} count(s) below {left.threshold} suppressed")
    disclosed = f" (to the {summary.audience}, for {summary.purpose})" if summary.purpose else ""
    print(f"{summary.out}: {summary.datasets} dataset(s), {summary.records} record(s), {summary.profile} profile"
          + disclosed + "".join(f"; {n}" for n in notes), file=sys.stderr)
    return EXIT_OK


@run_handler
def _cmd_merge(args: argparse.Namespace) -> int:
    from ..exchange.errors import BadBundle, Refused
    from ..exchange.merge import merge, summary_text
    from ..exchange.safe_zip import ZipLimits
    from ..validation import UsageError

    limits = ZipLimits(max_entries=args.max_entries, max_total_bytes=args.max_unpacked_bytes,
                       max_ratio=args.max_ratio, max_values=args.max_values)
    try:
        with refusals("merge", UsageError, BadBundle, suffix="; nothing written"):
            result = merge(args.bundles, args.output, replace=args.replace, limits=limits,
                           progress=progress_bar("read", unit="bundles"))
    except Refused as exc:
        say("merge", f"{exc}; nothing written")
        return EXIT_ERRORS
    print(summary_text(result, args.lang), file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the exchange commands to the `peer-schema` parser."""
    from ..model import CONSENT_PURPOSES
    from ..exchange.safe_zip import DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_VALUES

    p = sub.add_parser(
        "bundle", help="validate data and pack it as a zip for a federation, researchers or the public "
                       "(docs/bundles.md)",
        description="Validate the data against the profile and purpose, leave out what the profile does not allow, "
                    "give peer workers keyed pseudonyms for the recipient (--for), and write a zip with a Data "
                    "Package manifest, atomically. A peer worker's field goes only where a consent in force covers "
                    "the profile's audience and the purpose. Exit codes: 0 written, 1 errors in the data (nothing "
                    "written), 2 unreadable input or wrong call.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (any format validate reads)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.zip",
                   help="the bundle; an existing file is replaced only when the new bundle is complete")
    p.add_argument("--profile", choices=["federation", "research", "public"], required=True,
                   help="federation: restricted, to the federation; research: restricted, to researchers, fewer "
                        "fields, pseudonyms required (--for, --key-file); public: no peer worker, small counts "
                        "suppressed")
    p.add_argument("--purpose", choices=CONSENT_PURPOSES, metavar="PURPOSE",
                   help="what the peer workers' fields are disclosed for; a consent must name it (default: "
                        "registry_exchange for federation, research for research; not for public). One of: "
                        + ", ".join(CONSENT_PURPOSES))
    p.add_argument("--only-consented", action="store_true",
                   help="leave out, rather than refuse, each peer worker's fields that no consent in force covers "
                        "for the audience and purpose (and a worker whose peer status or role is not covered)")
    p.add_argument("--for", dest="recipient", metavar="RECIPIENT",
                   help="who the bundle is for: peer workers get pseudonyms for this recipient (needs --key-file)")
    p.add_argument("--key-file", type=Path, metavar="KEYFILE",
                   help="the secret key of the pseudonyms (created, readable by you only, when missing)")
    p.add_argument("--min-count", type=positive, default=5, metavar="N",
                   help="public profile: counts of people below N are suppressed (default and least: 5)")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the reasons for a refusal")
    p.set_defaults(run=_cmd_bundle)

    p = sub.add_parser(
        "merge", help="check bundles and merge them into one folder, with a report (docs/bundles.md)",
        description="Check each bundle before reading it (unsafe paths, links, zip bombs, damage, a manifest that "
                    "does not match, an incompatible model version), merge the records, and write the datasets and "
                    "merge-report.json into a new folder, atomically. Exit codes: 0 merged, 1 the data cannot be "
                    "merged, 2 a bundle is unreadable or unsafe, or the call was wrong.")
    p.add_argument("bundles", nargs="+", metavar="BUNDLE.zip", help="the bundles to merge (made by peer-schema bundle)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="the merged folder: must not exist or be empty, unless --replace")
    p.add_argument("--replace", action="store_true",
                   help="replace an existing folder (only once the new merge is complete)")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the summary")
    p.add_argument("--max-unpacked-bytes", type=positive, default=DEFAULT_MAX_TOTAL_BYTES, metavar="N",
                   help="largest total size of one bundle once unpacked (default: 64 MiB)")
    p.add_argument("--max-values", type=positive, default=DEFAULT_MAX_VALUES, metavar="N",
                   help="most JSON values in one bundle's datasets (default: 2,500,000, about 60,000 records): "
                        "with --max-unpacked-bytes, what bounds a merge's memory (docs/limits.md)")
    p.add_argument("--max-ratio", type=positive, default=100, metavar="R",
                   help="largest compression ratio of an entry over 1 MiB (default: 100)")
    p.add_argument("--max-entries", type=positive, default=10_000, metavar="N",
                   help="most files in one bundle (default: 10,000)")
    p.set_defaults(run=_cmd_merge)
