"""A phone's width (390 px) and dark mode: readable pictures, tables that scroll, badges that stay legible."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SHOTS

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    yield context
    context.close()


def _no_page_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= innerWidth + 1")


def test_timeline_text_is_readable_on_a_phone(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + "timeline.html")
    heights = page.evaluate("() => [...document.querySelectorAll('svg.briefing-timeline text')]"
                            ".map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 9, heights  # was 7 px: the 680-unit picture shrunk to 358 px
    assert _no_page_scroll(page)  # the figure scrolls sideways, not the page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "20-timeline-phone.png"))
    page.close()


def test_guide_tables_scroll_and_never_break_a_word(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + "guide.html")
    assert _no_page_scroll(page)
    cells = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table td:first-child code')].map(c => {
        const line = parseFloat(getComputedStyle(c).lineHeight) || 20;
        return c.getBoundingClientRect().height <= line * 1.5; })""")
    assert cells and all(cells)  # one line each: 'published' never becomes 'publishe' + 'd'
    wide = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')].filter(
        w => w.scrollWidth > w.clientWidth).map(w => getComputedStyle(w).overflowX)""")
    assert wide and set(wide) == {"auto"}  # a table wider than the phone scrolls in its own frame
    meaning = page.evaluate("() => document.querySelector('.md-typeset table td:last-child').getBoundingClientRect().width")
    assert meaning >= 150  # the meaning column keeps a readable width
    page.screenshot(path=str(SHOTS / "21-guide-phone.png"))
    page.close()


def _contrast(page, selector: str) -> float:
    return page.evaluate("""(sel) => {
        const el = document.querySelector(sel); const s = getComputedStyle(el);
        const rgb = v => v.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        const lum = v => { const [r, g, b] = rgb(v); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const a = lum(s.color), b = lum(s.backgroundColor);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""", selector)


def test_type_badges_turn_dark_in_dark_mode(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "index.html")
    badge = page.locator(".badge-ORG").first
    background = badge.evaluate("b => getComputedStyle(b).backgroundColor")
    channels = [float(c) for c in re.findall(r"[\d.]+", background)[:3]]
    assert sum(channels) / 3 < 110, background  # a dark background, not the light one of the light palette
    assert _contrast(page, ".badge-ORG") >= 4.5
    context.close()
