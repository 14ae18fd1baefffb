"""The HTML report in real headless Chromium: no console error, no request, visible, no injected script runs.

Needs the Debian package ``chromium`` (``.ci/run`` installs it). With
``OKRLINT_UPDATE_GOLDEN=1`` the screenshots in docs/screenshots/ are regenerated.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_cdp import Browser, find_chromium
from conftest import EXAMPLES, ROOT
from okrlint.api import make_engine, run
from okrlint.engine.config import Config
from okrlint.engine.runner import Options
from okrlint.reporters import ReportContext
from okrlint.reporters.html import render

SCREENSHOTS = ROOT / "docs" / "screenshots"
UPDATE = os.environ.get("OKRLINT_UPDATE_GOLDEN") == "1"
CLEAN = {"zh": ["customer-experience.okr.md", "first-time-fix.okr.yaml", "craft-good.okr.md"],
         "en": ["customer-experience.okr.md", "first-time-fix.okr.yaml", "craft-good.okr.md"]}
INJECTED = """---
period: 2026-Q1
team: <script>window.__pwned=1</script>
---
O1:打造<script>window.__pwned=1</script>的服务体验
KR1:"><img src=x onerror="window.__pwned=2"> NPS达到55
KR2:<svg onload="window.__pwned=3"></svg>
O2:<style>body{display:none}</style>NPS从45分提升到55分
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        pytest.fail("headless Chromium is needed for the HTML report tests: apt-get install chromium")
    b = Browser(binary)
    try:
        yield b
    finally:
        b.close()


def _report(tmp: Path, name: str, lang: str, paths: list[str]) -> Path:
    engine = make_engine(Config(root=ROOT), Options(lang=lang))
    result = run(engine, paths)
    out = tmp / f"{name}.html"
    out.write_text(render(result, ReportContext(lang=lang, engine=engine)), encoding="utf-8")
    return out


def _sample(tmp_path: Path, kind: str, lang: str) -> Path:
    if kind == "dirty":
        paths = [str(EXAMPLES / lang)]
    else:
        paths = [str(EXAMPLES / lang / n) for n in CLEAN[lang]]
    return _report(tmp_path, f"report-{lang}-{kind}", lang, paths)


def _visible(b: Browser, selector: str) -> bool:
    return bool(b.evaluate(
        f"(() => {{ const e = document.querySelector({selector!r}); if (!e) return false;"
        " const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
        " return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; })()"))


def _shot(b: Browser, name: str, width: int, height: int, tmp_path: Path) -> bytes:
    data = base64.b64decode(b.call("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session=True)["data"])
    target = (SCREENSHOTS if UPDATE else tmp_path) / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["dirty", "clean"])
def test_report_renders_cleanly(browser: Browser, tmp_path: Path, lang: str, kind: str) -> None:
    page = _sample(tmp_path, kind, lang)
    url = page.as_uri()
    browser.open(url)
    assert browser.console_errors() == []
    assert browser.requests() == [url]  # only the page itself: no script, font, image or CSS fetched
    for selector in ("#overview", ".ring .score", "#files", ".doc .pill.score", ".objective"):
        assert _visible(browser, selector), selector
    if kind == "dirty":
        for selector in ("#worst", "#by-rule svg rect.bar", ".finding", ".finding .msg", "mark"):
            assert _visible(browser, selector), selector
        assert browser.evaluate("document.querySelectorAll('.finding').length") > 5
    else:
        assert _visible(browser, "#clean")
        assert browser.evaluate("document.querySelectorAll('.finding').length") == 0
    assert browser.evaluate("document.documentElement.lang") == ("zh-CN" if lang == "zh" else "en")
    png = _shot(browser, f"report-{lang}-{kind}", 1280, 1400, tmp_path)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_fits_a_phone(browser: Browser, tmp_path: Path, lang: str) -> None:
    page = _sample(tmp_path, "dirty", lang)
    browser.open(page.as_uri(), width=390, height=844, mobile=True)
    assert browser.console_errors() == []
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert _visible(browser, "#overview") and _visible(browser, ".finding")
    _shot(browser, f"report-{lang}-phone", 390, 1600, tmp_path)


def test_print_layout(browser: Browser, tmp_path: Path) -> None:
    browser.open(_sample(tmp_path, "dirty", "en").as_uri())
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    try:
        assert browser.evaluate("getComputedStyle(document.querySelector('section.doc')).breakBefore") == "page"
        assert browser.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundImage") == "none"
        pdf = base64.b64decode(browser.call("Page.printToPDF", {}, session=True)["data"])
        assert pdf.startswith(b"%PDF")
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)


def test_injected_markup_is_text_and_never_runs(browser: Browser, tmp_path: Path) -> None:
    src = tmp_path / "evil.okr.md"
    src.write_text(INJECTED, encoding="utf-8")
    page = _report(tmp_path, "evil", "zh", [str(src)])
    url = page.as_uri()
    browser.open(url)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('script, img, svg[onload], style:not(head style)').length") == 0
    text: Any = browser.evaluate("document.body.innerText")
    assert "<script>window.__pwned=1</script>" in text
    assert '"><img src=x onerror="window.__pwned=2">' in text
    assert browser.console_errors() == []
    assert browser.requests() == [url]
    assert _visible(browser, ".objective")  # the injected <style> did not hide the page
