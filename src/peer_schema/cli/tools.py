"""`peer-schema synth`, `schema` and `vocab`: synthetic registries, the model's artifacts, the
vocabularies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_UNREADABLE, date_type, positive, rate, refusals, run_handler


@run_handler
def _cmd_schema(args: argparse.Namespace) -> int:
    from .. import artifacts

    if args.version:  # a released version of the model (cli/versions.py)
        from .versions import print_schema_version

        return print_schema_version(args.version, args.format)
    sys.stdout.write(artifacts.read_text(artifacts.SCHEMA_FORMATS[args.format]))
    return EXIT_OK


def _cmd_vocab(args: argparse.Namespace) -> int:
    from .. import artifacts
    from .. import vocab_listing as listing
    from ..report.text import terminal_safe

    fmt = args.format or ("table" if args.scheme else "ttl")
    if args.scheme is None:
        if fmt in artifacts.VOCAB_FORMATS:
            sys.stdout.write(artifacts.read_text(artifacts.VOCAB_FORMATS[fmt]))
        else:  # the vocabularies there are, to choose one
            header = listing.schemes_header(args.lang)
            out = listing.schemes(args.lang)
            sys.stdout.write(listing.as_csv(header, out) if fmt == "csv" else listing.as_table(header, out))
        return EXIT_OK
    name, nearest = listing.find_scheme(args.scheme)
    if name is None:
        hint = f' (nearest: "{nearest}")' if nearest else ""
        print(f"peer-schema vocab: no vocabulary is named {terminal_safe(args.scheme)!r}{hint}; "
              "peer-schema vocab --format table lists them", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "ttl":
        print("peer-schema vocab: --format ttl prints every vocabulary (leave out the name); "
              "for one, use --format table, csv or json", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "json":
        print(json.dumps({name: artifacts.vocabularies()[name]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    header = ("code", "libellé" if args.lang == "fr" else "label")
    body = listing.rows(name, args.lang)
    if fmt == "csv":
        sys.stdout.write(listing.as_csv(header, body))
    else:
        sys.stdout.write(f"{listing.title(name, args.lang)}\n\n" + listing.as_table(header, body))
    return EXIT_OK


@run_handler
def _cmd_synth(args: argparse.Namespace) -> int:
    from ..synth import synthesize

    with refusals("synth", ValueError, OSError):
        summary = synthesize(args.records, args.seed, args.output, args.invalid_rate, today=args.today)
    counts = ", ".join(f"{n} {cls}" for cls, n in summary.counts.items())
    print(f"{summary.out}: {summary.records} records ({counts}); "
          f"{len(summary.breaks)} rule break(s) listed in {summary.expected}", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `synth`, `schema` and `vocab` to the `peer-schema` parser."""
    from .. import artifacts

    p = sub.add_parser("synth", help="write a realistic synthetic registry, valid or with known rule breaks",
                       description="Write a synthetic registry covering every class (.json, .jsonl streamed, or "
                                   ".yaml) and FILE.expected.json listing each injected rule break with its code.")
    p.add_argument("--records", type=positive, required=True, metavar="N", help="how many records to write")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="same seed, same file (default: 0)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                   help="the registry to write (.json, .jsonl or .yaml)")
    p.add_argument("--invalid-rate", type=rate, default=0.0, metavar="R",
                   help="share of records given one rule break each (default: 0)")
    p.add_argument("--today", type=date_type, default=date_type("2026-11-23"), metavar="YYYY-MM-DD",
                   help="reference date for consent dates (default: 2026-11-23, so files are reproducible)")
    p.set_defaults(run=_cmd_synth)

    p = sub.add_parser("schema", help="print a generated artifact of the model",
                       description="Print an artifact generated from the model (JSON Schema, SHACL, OWL, JSON-LD "
                                   "context, the merged LinkML schema, pydantic classes) on stdout.")
    p.add_argument("--format", choices=sorted(artifacts.SCHEMA_FORMATS), required=True, help="which artifact")
    p.add_argument("--version", metavar="X.Y.Z",
                   help="a released version of the model (default: this package's); earlier versions: --format linkml")
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("vocab", help="list one vocabulary's codes and labels, or print them all (SKOS Turtle, JSON)",
                       description="With a vocabulary's name, list its codes and labels as a table (or CSV, "
                                   "JSON); without one, print every vocabulary as SKOS Turtle or JSON, or with "
                                   "--format table the names of the vocabularies.")
    p.add_argument("scheme", nargs="?", metavar="SCHEME",
                   help="a vocabulary, by name or title in any case: country, ConsentPurpose, \"Consent purposes\"")
    p.add_argument("--format", choices=sorted({*artifacts.VOCAB_FORMATS, "table", "csv"}), default=None,
                   help="table (default with SCHEME), csv, json; ttl (default without SCHEME)")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the labels (default: en)")
    p.set_defaults(run=_cmd_vocab)
