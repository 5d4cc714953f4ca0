"""Screenshots of each page of the web app for docs/web.md, in English and French, taken in the
system's headless Chromium (Playwright; no browser is downloaded).

    python scripts/web_screenshots.py [--out docs/images]

The app runs in this process on a free loopback port; the check page is shown with the test
workbook that holds two mistakes (tests/web_workbooks.py).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import uvicorn  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from web_workbooks import workbook_with_mistakes  # noqa: E402

from peer_schema.web.app import create_app  # noqa: E402

PAGES = [("home", "/"), ("template", "/template"), ("api", "/api"),
         ("compendium", "/compendium?setting_category=other"),
         ("practice", "/compendium/practices/hearing-voices-network-international"),
         ("question", "/compendium/questions/practices-by-setting-and-country?ask=1&q_setting_category=hospital_based")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        book, _ = workbook_with_mistakes(Path(folder), "association-registry.xlsx")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for lang in ("en", "fr"):
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            for name, path in PAGES:
                page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
                page.screenshot(path=args.out / f"web-{name}-{lang}.png", full_page=True)
            page.goto(f"{base}/validate?lang={lang}")
            page.set_input_files("#files", str(book))
            page.click("#check")
            page.wait_for_selector("#results")
            page.screenshot(path=args.out / f"web-validate-{lang}.png", full_page=True)
            page.close()
        browser.close()
    server.should_exit = True
    print(f"screenshots in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
