"""The site and the HTML reports in a real browser: headless Chromium from the OS packages.

Every page kind is opened from file://; it must log no console error, request nothing but
files of the site, and the filter must narrow the rows to the right items. A screenshot
of each page kind is written to out/screenshots/ for a person to look at. Without
Chromium the tests skip, except in CI (CI=true), where a skip would hide a broken page.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dutylist.catalog.workspace import load_jurisdiction
from dutylist.cli import app
from dutylist.site.records import slug

ROOT = Path(__file__).resolve().parents[2]
JINGHONG = ROOT / "catalogs" / "jinghong"
SHOTS = ROOT / "out" / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _binaries() -> tuple[str, str] | None:
    browser = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    found = _binaries()
    if found is None:
        message = "headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(
        app, ["site", str(ROOT / "catalogs"), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return out


def _open(driver: Any, page: Path) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(page.as_uri())


def _requests(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


PAGE_KINDS = {
    "index": "index.html",
    "list": "lists/532801-empowerment.html",
    "unit": "units/532801-menghan.html",
    "department": "departments/532801-transport.html",
    "item": f"items/532801-empowerment-{slug('JH-JT-001')}.html",
    "duties": "lists/532801-duties-menghan.html",
}


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_each_page_kind_loads_clean_and_offline(driver: Any, site: Path, kind: str) -> None:
    page = site / PAGE_KINDS[kind]
    assert page.is_file()
    _open(driver, page)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    outside = [u for u in _requests(driver) if not u.startswith(site.as_uri())]
    assert not outside, outside
    assert driver.find_element("css selector", "html").get_attribute("lang") == "zh-CN"
    assert driver.title.endswith("权责清单")
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"site-{kind}.png"))


def _visible_ids(driver: Any) -> list[str]:
    script = (
        "return Array.from(document.querySelectorAll('table[data-filterable] tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.cells[1].textContent);"
    )
    result: list[str] = driver.execute_script(script)
    return result


def test_the_filter_narrows_the_rows_to_the_right_items(driver: Any, site: Path) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    juris = load_jurisdiction(JINGHONG)
    catalog = juris.catalog("empowerment")
    assert catalog is not None and juris.registry is not None
    items = catalog.model.items
    townships = juris.registry.model.township_ids()
    _open(driver, site / PAGE_KINDS["list"])
    assert _visible_ids(driver) == [i.id for i in items]

    Select(driver.find_element("name", "department")).select_by_value("forestry")
    assert _visible_ids(driver) == [i.id for i in items if i.department == "forestry"]

    Select(driver.find_element("name", "unit")).select_by_value("gasa")
    expected = [
        i.id
        for i in items
        if i.department == "forestry" and (i.scope == "all" or "gasa" in i.scope)
    ]
    assert "gasa" in townships and _visible_ids(driver) == expected
    count = driver.find_element("css selector", "[data-count]").text
    assert count == f"显示 {len(expected)} 项，共 {len(items)} 项"

    driver.find_element("css selector", "button[type=reset]").click()
    box = driver.find_element("name", "q")
    box.send_keys("ｊｈ－ｌｃ")  # full-width, as analysts type it: folded like the catalogs
    assert _visible_ids(driver) == [i.id for i in items if i.id.startswith("JH-LC")]
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("森林")
    assert _visible_ids(driver) == [i.id for i in items if "森林" in " ".join([i.name, *i.basis])]
    driver.save_screenshot(str(SHOTS / "site-list-filtered.png"))


def test_the_filter_is_reached_by_keyboard(driver: Any, site: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(driver, site / PAGE_KINDS["list"])
    body = driver.find_element("css selector", "body")
    names = []
    for _ in range(12):
        body.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        names.append(focused.get_attribute("name") or focused.tag_name)
        if names[-1] == "q":
            break
    assert "q" in names, names


def test_without_javascript_every_row_shows_and_the_form_stays_hidden(site: Path) -> None:
    html = (site / PAGE_KINDS["list"]).read_text(encoding="utf-8")
    assert '<form class="filter" data-filter hidden' in html
    juris = load_jurisdiction(JINGHONG)
    catalog = juris.catalog("empowerment")
    assert catalog is not None
    table = html[html.index('<table class="items" data-filterable>') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    assert body.count("<tr>") == len(catalog.model.items)
    # what the filter compares is data beside the table, not part of what a reader sees
    assert table.index("</table>") < table.index('<script type="application/json"')


def test_html_reports_are_self_contained(driver: Any, tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    args = ["audit", str(JINGHONG), "--fail-on", "none", "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    _open(driver, out)
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert [u for u in _requests(driver) if u != out.as_uri()] == []
    assert driver.find_elements("css selector", "svg rect")
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "audit-report.png"))
