"""Headless Chromium through selenium, for the review page's browser tests
(tests/test_review_browser.py), and the screenshots in docs/:

    .venv/bin/python tests/browser.py     # writes docs/review-1280.png and docs/review-390.png

Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them);
a fresh profile each time, and nothing that talks to Google on start-up, so
any network request the page made would be the page's own.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def chromium_paths() -> tuple[str, str] | None:
    """(browser, driver) when both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium(width: int = 1280, height: int = 800, *, scripts: bool = True) -> Iterator[Any]:
    """A selenium driver on headless Chromium, console and network logged."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    with tempfile.TemporaryDirectory(prefix="redline-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = paths[0]
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        if not scripts:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(service=Service(paths[1]), options=options)
        try:
            viewport(driver, width, height)
            yield driver
        finally:
            driver.quit()


def viewport(driver: Any, width: int, height: int) -> None:
    """The page's viewport exactly ``width`` × ``height`` CSS pixels (a phone's when narrow)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def screenshots(page: Path, out: Path) -> list[Path]:
    """The page at 1280×800 and at 390×844 (a phone), as PNG files in ``out``."""
    written = []
    for width, height in ((1280, 800), (390, 844)):
        with chromium(width, height) as driver:
            driver.get(page.as_uri())
            dest = out / f"review-{width}.png"
            driver.save_screenshot(str(dest))
            written.append(dest)
    return written


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import redline
    from redline.inputs import load_eligibility
    from redline.writers.review_html import write_review_html

    old = redline.read(ROOT / "fixtures" / "appendix-r-v6.18.docx")
    annex = redline.read(ROOT / "fixtures" / "annexes" / "01-mp089.docx")
    result = redline.review(old, annex=annex, eligibility=load_eligibility())
    with tempfile.TemporaryDirectory() as tmp:
        page = write_review_html(result, Path(tmp) / "review.html")
        for p in screenshots(page, ROOT / "docs"):
            print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
