"""The compendium's answers kept as sent, while the source they were read from is unchanged.

A compendium page costs ~1-2 ms to build (the library's queries are already kept by
rdf/sources.py's HeldStore; the rest is Jinja2 escaping a few thousand values and drawing the
chart), and under load that cost, paid again for the same page, is what made the p95. The answer
of a page is a function of its path, its query string, the page's language and the source's
data: kept here under that key, it is sent again as bytes, with an ETag so that a browser
asking again (If-None-Match) gets a 304. The kept answers are dropped when the source's
generation changes (a store reloaded); an endpoint has no generation, so nothing is kept for it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.responses import Response

#: compendium answers kept (the most recent), the largest body kept, and the most bytes kept in all
KEPT_PAGES = 512
KEPT_BODY_BYTES = 512 * 1024
KEPT_TOTAL_BYTES = 32 * 1024 * 1024
#: public data, but one answer per language: a browser may keep it and must ask again (ETag)
CACHE_HEADERS = {"cache-control": "no-cache", "vary": "Accept-Language, Cookie"}
#: headers of a built answer not kept: set again for each request, or recomputed
_NOT_KEPT = {"set-cookie", "content-length", "content-type", "cache-control", "vary", "etag"}


@dataclass(frozen=True)
class Kept:
    status: int
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]
    etag: str

    @classmethod
    def of(cls, response: Response) -> Kept:
        body = bytes(response.body)
        headers = tuple((k, v) for k, v in response.headers.items() if k not in _NOT_KEPT)
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        return cls(response.status_code, body, response.headers.get("content-type", ""), headers, etag)

    def response(self, if_none_match: str | None) -> Response:
        """The answer again, or 304 (no body) when the client already has this ETag."""
        headers = {**dict(self.headers), **CACHE_HEADERS, "etag": self.etag}
        if if_none_match and self.etag in {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}:
            return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                      if k not in ("content-disposition",)})
        return Response(self.body, self.status, headers=headers, media_type=self.media_type)


class PageCache:
    """Answers kept under (path, query, language) for one generation of the source at a time."""

    def __init__(self, entries: int = KEPT_PAGES, max_body: int = KEPT_BODY_BYTES, max_total: int = KEPT_TOTAL_BYTES):
        self.entries, self.max_body, self.max_total = entries, max_body, max_total
        self._generation: object = None
        self._pages: OrderedDict[tuple, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, generation: object, key: tuple) -> Kept | None:
        with self._lock:
            if generation is None or generation != self._generation:
                return None
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
            return kept

    def put(self, generation: object, key: tuple, response: Response) -> Kept:
        """The answer as kept (kept only if the source has a generation, it is a 200 and not too large)."""
        kept = Kept.of(response)
        if generation is None or kept.status != 200 or len(kept.body) > self.max_body:
            return kept
        with self._lock:
            if generation != self._generation:  # a store reloaded: the pages of the old one are gone
                self._generation, self._pages, self._bytes = generation, OrderedDict(), 0
            earlier = self._pages.pop(key, None)
            self._bytes -= len(earlier.body) if earlier else 0
            self._pages[key] = kept
            self._bytes += len(kept.body)
            while len(self._pages) > self.entries or self._bytes > self.max_total:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)
        return kept

    def __len__(self) -> int:
        return len(self._pages)
