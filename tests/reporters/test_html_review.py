"""The HTML report carries the quarterly review (score bars, 0.6–0.7 band) and the cascade tree."""
from __future__ import annotations

import re

from conftest import EXAMPLES


def test_review_bars_and_cascade(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    code, _, err = cli("check", "--format", "html", "-o", str(out),
                       str(EXAMPLES / "zh" / "after-sales-q1.okr.yaml"), str(EXAMPLES / "zh" / "first-time-fix.okr.yaml"))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    review = page[page.index('id="review"'):page.index('id="cascade"')]
    assert re.findall(r'class="rv-num">([^<]+)<', review) == ["0.95", "0.85", "1.00", "0.70", "0.875"]
    # the sweet-spot band spans 0.6-0.7 of the 200-unit bar on every row
    assert review.count('<rect class="band" x="120.0" y="0" width="20.0"') == 5
    cascade = page[page.index('id="cascade"'):]
    assert "售后运营中台" in cascade and "客户运营专员" in cascade


def test_no_review_section_without_grades(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    cli("check", "--format", "html", "-o", str(out), str(EXAMPLES / "zh" / "customer-experience.okr.md"))
    page = out.read_text(encoding="utf-8")
    assert 'id="review"' not in page and 'id="cascade"' not in page
