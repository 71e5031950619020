"""The review page in a real browser (headless Chromium): it opens with no
console error and no network request, the role filter works by mouse and by
keyboard and keeps its state in the URL, and the page still reads with
scripts off. Skipped only where Chromium or its driver is not installed
(``.ci/run`` installs both)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import redline
from redline.inputs import load_eligibility
from redline.writers.review_html import write_review_html
from tests.browser import chromium, chromium_paths
from tests.conftest import FIXTURES

pytest.importorskip("selenium")
pytestmark = pytest.mark.skipif(chromium_paths() is None, reason="needs chromium and chromedriver")



@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = redline.read(FIXTURES / "appendix-r-v6.18.docx")
    annex = redline.read(FIXTURES / "annexes" / "01-mp089.docx")
    result = redline.review(old, annex=annex, eligibility=load_eligibility())
    return write_review_html(result, tmp_path_factory.mktemp("review") / "review.html")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(1280, 800) as driver:
        yield driver


def _requests(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (DevTools' performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _visible_roles(driver: Any) -> dict[str, list[bool]]:
    script = """
      const out = {};
      for (const el of document.querySelectorAll('[data-role]')) {
        const role = el.getAttribute('data-role');
        (out[role] = out[role] || []).push(el.getClientRects().length > 0);
      }
      return out;"""
    result: dict[str, list[bool]] = driver.execute_script(script)
    return result


def test_the_page_opens_with_no_console_error_and_no_request_but_its_own(browser: Any, page: Path) -> None:
    _requests(browser)  # what the browser's own start page asked for (chrome://…)
    browser.get(page.as_uri())
    assert browser.find_element("css selector", "h1").text.startswith("Review of MP089")
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    assert _requests(browser) == [page.as_uri()]
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []


def test_clicking_rsa_leaves_only_rsa_visible_and_the_url_says_so(browser: Any, page: Path) -> None:
    _requests(browser)
    browser.get(page.as_uri())
    before = _visible_roles(browser)
    assert set(before) >= {"IS", "ES", "GS", "RSA", "ED", "GT", "OU"}
    assert all(all(v) for v in before.values())
    browser.find_element("css selector", 'a.filter[data-filter="RSA"]').click()
    assert browser.current_url.endswith("#role-RSA")
    after = _visible_roles(browser)
    assert after["RSA"] and all(after["RSA"])
    assert not any(v for role, shown in after.items() if role != "RSA" for v in shown)
    assert browser.find_element("id", "role-RSA").is_displayed()
    assert not browser.find_element("id", "role-IS").is_displayed()
    current = browser.find_element("css selector", 'a.filter[aria-current="true"]')
    assert current.get_attribute("data-filter") == "RSA"
    # the state is the URL's: opening it afresh shows RSA alone, "All roles" shows everything again
    browser.get(page.as_uri() + "#role-ED")
    assert not any(_visible_roles(browser)["RSA"]) and all(_visible_roles(browser)["ED"])
    browser.find_element("css selector", 'a.filter[data-filter="all"]').click()
    assert all(all(v) for v in _visible_roles(browser).values())
    assert [u for u in _requests(browser) if not u.startswith("file:")] == []


def test_tab_reaches_every_filter_and_enter_applies_it(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(page.as_uri())
    filters = browser.execute_script("return [...document.querySelectorAll('a.filter')].map(a => a.dataset.filter)")
    assert filters == ["all", "IS", "ES", "GS", "RSA", "ED", "GT", "OU"]
    reached = []
    for _ in range(len(filters) + 5):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.append(browser.execute_script("return document.activeElement.dataset.filter || null"))
    assert [f for f in reached if f][: len(filters)] == filters
    # focus on GS (Tab from the start: all, IS, ES, GS) and press Enter
    browser.get(page.as_uri())
    for _ in range(4):
        ActionChains(browser).send_keys(Keys.TAB).perform()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.current_url.endswith("#role-GS")
    assert not any(_visible_roles(browser)["RSA"])


def test_with_scripts_off_every_part_is_there_and_a_filter_link_jumps_to_its_role(page: Path) -> None:
    with chromium(1280, 800, scripts=False) as driver:
        driver.get(page.as_uri())
        shown = _visible_roles(driver)
        assert all(all(v) for v in shown.values())
        driver.find_element("css selector", 'a.filter[data-filter="OU"]').click()
        assert driver.current_url.endswith("#role-OU")
        assert all(all(v) for v in _visible_roles(driver).values())  # nothing hidden without the script
        top = driver.execute_script("return document.getElementById('role-OU').getBoundingClientRect().top")
        assert 0 <= top < 200  # scrolled to OU, below the sticky filter bar


def test_screenshots_at_desktop_and_phone_width(page: Path, tmp_path: Path) -> None:
    from tests.browser import screenshots

    for shot, width in zip(screenshots(page, tmp_path), (1280, 390), strict=True):
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width
