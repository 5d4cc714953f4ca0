"""Reading a zip that came from someone else, without trusting it.

Every entry is checked before anything is decompressed: its name (no `..`, no absolute path,
no drive letter, no backslash, no control character, no duplicate), its kind (no symbolic
link, no encryption, stored or deflated only), the number of entries, and the sizes its header
declares (total, and the compression ratio of large entries). Then each entry is decompressed
in memory, chunk by chunk, and the same limits are enforced on the bytes that actually come
out: a header that lies about sizes is caught while decompressing, not after. Nothing is ever
written to disk here; the caller gets the bytes.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import BadBundle

_CHUNK = 1 << 16
#: the defaults of `peer-schema merge`: what one bundle may hold, about 60,000 records. A merge
#: holds every bundle in memory at once, each taking at most about 12 x its unpacked bytes
#: (strings of 4-byte characters, checked by the structure check) + 150 bytes per JSON value:
#: under 1.2 GB with these defaults (docs/limits.md, measured)
DEFAULT_MAX_TOTAL_BYTES = 64 << 20
DEFAULT_MAX_VALUES = 2_500_000
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ZipLimits:
    #: entries in one zip (a bundle has a manifest and one file per dataset)
    max_entries: int = 10_000
    #: bytes of all entries once decompressed
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES
    #: largest decompressed:compressed ratio of one entry...
    max_ratio: float = 100.0
    #: ...for entries larger than this: small files (a run of spaces) compress oddly and harmlessly
    ratio_applies_above: int = 1 << 20
    #: JSON values (strings, numbers, lists, objects...) in a bundle's datasets: the Python objects
    #: a merge makes take up to about 100 bytes each (bundle_reading.count_values)
    max_values: int = DEFAULT_MAX_VALUES


def _problem_with_name(name: str) -> str | None:
    if not name:
        return "an entry has an empty name"
    if "\\" in name:
        return f"the entry {name!r} has a backslash in its name (a Windows path that could point elsewhere)"
    if name.startswith("/"):
        return f"the entry {name!r} has an absolute path"
    if _DRIVE.match(name):
        return f"the entry {name!r} names a drive letter"
    if _CONTROL.search(name):
        return f"the entry {name!r} has a control character in its name"
    if ".." in name.split("/"):
        return f"the entry {name!r} points outside the bundle's folder (\"..\", a zip slip)"
    return None


def _check_entries(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.max_entries:
        raise ValueError(f"it has {len(infos):,} entries, over the limit of {limits.max_entries:,}")
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = info.filename
        problem = _problem_with_name(name)
        if problem:
            raise ValueError(problem)
        # a case-insensitive file system would make two of these one file
        if name.casefold() in seen:
            raise ValueError(f"the entry {name!r} appears twice")
        seen.add(name.casefold())
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ValueError(f"the entry {name!r} is a symbolic link")
        # bit 0 encrypted, bit 5 patched data, bit 6 strong encryption: zipfile cannot read the
        # last two (NotImplementedError), and a bundle never uses any of them
        if info.flag_bits & 0x61:
            raise ValueError(f"the entry {name!r} is encrypted or patched (a zip feature bundles never use)")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValueError(f"the entry {name!r} uses a compression method bundles never use")
        _check_ratio(name, info.file_size, info.compress_size, limits)
        declared += info.file_size
        if declared > limits.max_total_bytes:
            raise ValueError(f"its entries declare more than {limits.max_total_bytes:,} bytes once unpacked")


def _check_ratio(name: str, size: int, compressed: int, limits: ZipLimits) -> None:
    if size > limits.ratio_applies_above and size > limits.max_ratio * max(compressed, 1):
        raise ValueError(f"the entry {name!r} unpacks to over {limits.max_ratio:g} times its compressed size "
                         "(a zip bomb?)")


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits, total: int) -> bytearray:
    """The entry's bytes, with every limit enforced on what actually comes out. Filled into one
    buffer of the declared size (checked against the limits already): the entry is held once,
    not once in pieces and once joined."""
    data = bytearray(info.file_size)
    size = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            if size + len(chunk) > info.file_size:
                raise ValueError(f"the entry {info.filename!r} holds more bytes than its header declares")
            data[size:size + len(chunk)] = chunk
            size += len(chunk)
            if total + size > limits.max_total_bytes:
                raise ValueError(f"it unpacks to more than {limits.max_total_bytes:,} bytes")
            _check_ratio(info.filename, size, info.compress_size, limits)
    del data[size:]
    return data


def read_zip(path: Path, limits: ZipLimits | None = None) -> dict[str, bytearray]:
    """Every file entry of the zip at `path`, name -> its bytes, in the zip's order. Directory
    entries are skipped. Raises BadBundle, naming the zip and the problem."""
    limits = limits or ZipLimits()
    label = Path(path).name
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BadBundle(f"{label}: no such file") from None
    except IsADirectoryError:
        raise BadBundle(f"{label}: is a folder, not a bundle") from None
    except OSError as exc:
        raise BadBundle(f"{label}: cannot be opened ({exc.strerror or exc})") from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise BadBundle(f"{label}: not a zip file, or a damaged or truncated one") from None
    members: dict[str, bytearray] = {}
    try:
        with zf:
            infos = zf.infolist()
            _check_entries(infos, limits)
            total = 0
            for info in infos:
                if info.is_dir():
                    continue
                data = _read_entry(zf, info, limits, total)
                total += len(data)
                members[info.filename] = data
    except ValueError as exc:  # our own refusals (zipfile's own are BadZipFile)
        raise BadBundle(f"{label}: refused: {exc}") from None
    except NotImplementedError as exc:  # a zip feature zipfile does not read
        raise BadBundle(f"{label}: refused: it uses a zip feature bundles never use ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a CRC mismatch, a cut stream
        raise BadBundle(f"{label}: damaged or truncated zip ({exc})") from None
    except OSError as exc:
        raise BadBundle(f"{label}: cannot be read ({exc.strerror or exc})") from None
    return members
