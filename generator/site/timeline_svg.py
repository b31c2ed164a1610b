"""The visual timeline: every dated event as a mark on one time axis, static SVG built at build time.

A day is a dot, a month, a quarter or a year is a bar as long as that period, so that "in 2012" does not
pretend to be 1 January 2012. One mark per value: a date named in several places shows the count and links
to its heading in the list on the timeline page; a single one links to its sentence. Marks are packed into lanes greedily (left to right, first lane free); the
row above the axis shows when each article was published. Each mark links to the sentence it came from
and has a <title> tooltip. Deterministic: explicit order, rounded coordinates. No script.
"""

from __future__ import annotations

import datetime as dt
import re

from markdown.extensions.toc import slugify

from generator.site.graph import f, short, x
from generator.site.views import TimelineEntry, Views, report

WIDTH = 680.0
LEFT, RIGHT = 20.0, 20.0
LANE = 18.0
MARK_H = 11.0
MAX_LANES = 24
LABELLED_MAX = 40  # up to this many events the marks carry their date label
CHAR_W = 6.6


def period(value: str, start: dt.date) -> dt.date:
    """The day after the period a TimeML value names (a day for full dates and times)."""
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return _plus(start, 1)
    if re.match(r"^\d{4}-W\d{2}", value):
        return _plus(start, 7)
    if re.match(r"^\d{4}-\d{2}$", value):
        return _add_months(start, 1)
    if re.match(r"^\d{4}-(Q[1-4]|SP|SU|FA|WI)$", value):
        return _add_months(start, 3)
    if re.match(r"^\d{4}-H[12]$", value):
        return _add_months(start, 6)
    if re.match(r"^\d{3}$", value):
        return _year_start(start.year + 10)
    return _year_start(start.year + 1)  # a year, a fiscal year


# every date the schema accepts can be drawn: arithmetic past 1 January 1 or 31 December 9999 stops there
def _plus(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _year_start(year: int) -> dt.date:
    return dt.date(year, 1, 1) if year <= dt.MAXYEAR else dt.date.max


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1) if d.year + m // 12 <= dt.MAXYEAR else dt.date.max


CONTEXT_W = 56.0  # pixels at each end for what lies far before or after the stories (compressed)
NEAR_DAYS = 183  # events this close to the publications belong to the stories' own stretch of time
MIN_FOCUS_DAYS = 28


def focus(published: list[dt.date], spans: list[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    """The stretch of time the chart spreads out: the publication dates and the events near them (or, with no
    publication dates, the middle 80% of the events). Everything outside is drawn compressed, as context."""
    if published:
        p0, p1 = min(published), max(published)
        near = [(a, b) for a, b in spans if _plus(p0, -NEAR_DAYS) <= a and b <= _plus(p1, NEAR_DAYS)]
        f0 = min([p0] + [a for a, _ in near])
        f1 = max([_plus(p1, 1)] + [b for _, b in near])
    else:
        starts = sorted(a for a, _ in spans)
        ends = sorted(b for _, b in spans)
        f0, f1 = starts[len(starts) // 10], ends[(len(ends) * 9) // 10 - (1 if len(ends) >= 10 else 0)]
    short = MIN_FOCUS_DAYS - (f1 - f0).days  # a single day's news still shows a month, so a day stays a dot
    pad = max(1, (f1 - f0).days // 40, (short + 1) // 2 if short > 0 else 0)
    f0, f1 = _plus(f0, -pad), _plus(f1, pad)
    return f0, max(f1, _plus(f0, 1))


def _ticks(t0: dt.date, t1: dt.date) -> list[tuple[dt.date, str]]:
    days = (t1 - t0).days
    if days > 366 * 2:
        years = t1.year - t0.year + 1
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if years / s <= 10)
        first = (t0.year + step - 1) // step * step
        return [(dt.date(y, 1, 1), str(y)) for y in range(first, t1.year + 1, step) if t0 <= dt.date(y, 1, 1) <= t1]
    if days > 62:
        months = (t1.year - t0.year) * 12 + t1.month - t0.month + 1
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 10)
        out, d = [], dt.date(t0.year, t0.month, 1)
        d = d if d >= t0 else _add_months(d, 1)
        while d <= t1:
            if (d.month - 1) % step == 0:
                out.append((d, f"{d:%b} {d.year}"))
            if d.year == 9999 and d.month == 12:
                break
            d = _add_months(d, 1)
        return out
    step = max(1, days // 8)
    days_ = [_plus(t0, i) for i in range(0, days + 1, step)]
    # short labels ("27 Dec"); the year on the first one and where it changes
    return [(d, f"{d.day} {d:%b}" + (f" {d.year}" if i == 0 or d.year != days_[i - 1].year else ""))
            for i, d in enumerate(days_)]


def timeline_svg(v: Views, root: str, ident: str = "tl") -> str:
    """The picture, or none (reported) if drawing fails: the timeline page keeps its list of events."""
    try:
        return _draw(v, root, ident)
    except Exception as exc:
        report(v.briefing, None, "timeline", "the timeline picture", exc)
        return ""


def _draw(v: Views, root: str, ident: str) -> str:
    entries: list[tuple[TimelineEntry, dt.date, dt.date]] = []
    for e in v.timeline:
        start = dt.date.fromisoformat(e.sort[0])
        entries.append((e, start, period(e.value, start)))
    published = sorted(((r.published, r.id, r) for r in v.briefing.articles if r.published),
                       key=lambda p: (p[0], p[1]))
    if not entries and not published:
        return ""
    starts = [s for _, s, _ in entries] + [p[0] for p in published]
    ends = [e for _, _, e in entries] + [_plus(p[0], 1) for p in published]
    t0, t1 = min(starts), max(ends)
    f0, f1 = focus([p[0] for p in published], [(s, e) for _, s, e in entries])
    left_ctx = CONTEXT_W if t0 < f0 else 0.0  # a compressed band for the far past, and one for the far future
    right_ctx = CONTEXT_W if t1 > f1 else 0.0
    plot = WIDTH - LEFT - RIGHT - left_ctx - right_ctx
    span = max(1, (f1 - f0).days)

    def px(d: dt.date) -> float:
        if d < f0:
            return LEFT + left_ctx * (d - t0).days / max(1, (f0 - t0).days)
        if d > f1:
            return WIDTH - RIGHT - right_ctx + right_ctx * (d - f1).days / max(1, (t1 - f1).days)
        return LEFT + left_ctx + plot * (d - f0).days / span

    # one mark per value: "2018" said in twenty articles is one bar that links to its list below
    groups: list[list[TimelineEntry]] = []
    for e, _, _ in entries:
        if groups and groups[-1][0].value == e.value:
            groups[-1].append(e)
        else:
            groups.append([e])
    labelled = len(groups) <= LABELLED_MAX
    lanes: list[float] = []  # right edge (pixels) taken in each lane
    marks, overflow = [], 0
    for g in groups:
        e = g[0]
        s = dt.date.fromisoformat(e.sort[0])
        end = period(e.value, s)
        text = e.label if len(g) == 1 else f"{e.label} ({len(g)})"
        x0, x1 = px(s), max(px(end), px(s) + MARK_H)
        lo, reach = x0, x1
        if labelled:
            room = len(text) * CHAR_W + 8
            if x1 + room > WIDTH - RIGHT:  # the label goes to the left of the mark instead
                lo = x0 - room
            else:
                reach = x1 + room
        lane = next((i for i, right in enumerate(lanes) if right + 4 <= lo), None)
        if lane is None:
            if len(lanes) >= MAX_LANES:
                overflow += len(g)
                continue
            lanes.append(0.0)
            lane = len(lanes) - 1
        lanes[lane] = reach
        marks.append((g, text, x0, x1, lane))
    top = 40.0  # the publication row
    axis_y = top + 24 + len(lanes) * LANE + 6
    height = axis_y + 34
    first, last = (entries[0][0].label, entries[-1][0].label) if entries else ("", "")
    title = (f"Timeline of {len(entries)} dated events" + (f", from {first} to {last}" if entries else "")
             + f", and {len(published)} publication dates")
    desc = ("Dots are single days; bars cover a whole month, quarter or year. The top row marks when each "
            "article was published. Each mark links to the sentence it comes from, or, when a number follows "
            "the date, to the list of its mentions below."
            + (" The stretch of time the articles report on is spread out; what lies far before or after it is "
               "drawn compressed at the ends, past the dashed marks." if left_ctx or right_ctx else "")
            + (f" {overflow} more events are not drawn; the list below has them all." if overflow else ""))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-timeline" viewBox="0 0 {f(WIDTH)} '
           f'{f(height)}" width="{f(WIDTH)}" height="{f(height)}" role="group" '
           f'aria-labelledby="{ident}-t {ident}-d" font-family="inherit" font-size="12">'
           f'<title id="{ident}-t">{x(title)}</title><desc id="{ident}-d">{x(desc)}</desc>']
    # axis and ticks
    out.append(f'<g class="bt-axis" stroke="currentColor" fill="currentColor">'
               f'<line x1="{f(LEFT)}" y1="{f(axis_y)}" x2="{f(WIDTH - RIGHT)}" y2="{f(axis_y)}" '
               f'stroke-opacity="0.6"/>')
    ticks = _ticks(f0, f1)
    if left_ctx:
        ticks = [(t0, str(t0.year))] + ticks
    if right_ctx:
        ticks = ticks + [(_plus(t1, -1), str(_plus(t1, -1).year))]
    edges = ([LEFT + left_ctx] if left_ctx else []) + ([WIDTH - RIGHT - right_ctx] if right_ctx else [])
    for xe in edges:  # where the compressed context ends and the stories' own stretch of time begins
        out.append(f'<line x1="{f(xe)}" y1="{f(axis_y - 8)}" x2="{f(xe)}" y2="{f(axis_y + 8)}" '
                   f'stroke-dasharray="2 2"/>')
    for d, label in ticks:
        tx = px(d)
        out.append(f'<line x1="{f(tx)}" y1="{f(top - 6)}" x2="{f(tx)}" y2="{f(axis_y + 5)}" '
                   f'stroke-opacity="0.12"/><text x="{f(tx)}" y="{f(axis_y + 18)}" text-anchor="middle" '
                   f'stroke="none">{x(label)}</text>')
    out.append("</g>")
    # publication row
    out.append('<g class="bt-published">')
    if published:
        out.append(f'<text x="{f(LEFT)}" y="{f(top - 14)}" fill="currentColor">Articles published</text>')
    for day, aid, rec in published:
        cx = px(day)
        out.append(f'<a href="{x(root)}articles/{x(aid)}.html"><title>{x(rec.title)} '
                   f'(published {day.day} {day:%B} {day.year})</title>'
                   f'<path d="M{f(cx)} {f(top)}l6 8h-12z" fill="#e53935"/></a>')
    out.append("</g>")
    # events; when there are too many to reserve room for labels, label the marks that have room anyway
    room_right: dict[int, float] = {}
    if not labelled:
        following: dict[int, float] = {}
        for i in range(len(marks) - 1, -1, -1):
            _, _, x0, _, lane = marks[i]
            room_right[i] = following.get(lane, WIDTH - RIGHT)
            following[lane] = x0
    out.append('<g class="bt-events" fill="currentColor">')
    for i, (g, text, x0, x1, lane) in enumerate(marks):
        e = g[0]
        y = top + 24 + lane * LANE
        rank = e.sort[2]
        colour = "#3949ab" if rank <= 1 else "#00897b" if rank <= 3 else "#8e8e8e"
        sentence = short(e.date.sentence or e.date.text, 160)
        if len(g) == 1:
            tip = f"{e.label}: {sentence} ({e.article.title})"
            href = f"{root}articles/{e.article.id}.html#s-{e.sentence}"
        else:  # the heading of this date in the list on the timeline page
            n_art = len({m.article.id for m in g})
            tip = (f"{e.label}: {len(g)} mentions in {n_art} article{'s' if n_art != 1 else ''}, "
                   f"for example: {sentence} ({e.article.title})")
            href = f"{root}timeline.html#{slugify(e.label, '-')}"
        if x1 - x0 <= MARK_H + 0.05:
            shape = (f'<circle cx="{f(x0 + MARK_H / 2)}" cy="{f(y + MARK_H / 2)}" r="{f(MARK_H / 2)}" '
                     f'fill="{colour}"/>')
        else:
            shape = (f'<rect x="{f(x0)}" y="{f(y)}" width="{f(x1 - x0)}" height="{f(MARK_H)}" rx="3" '
                     f'fill="{colour}" fill-opacity="0.75"/>')
        label = ""
        if not labelled and x1 + len(text) * CHAR_W + 8 <= room_right[i]:
            label = f'<text x="{f(x1 + 4)}" y="{f(y + MARK_H / 2)}" dy="0.35em">{x(text)}</text>'
        elif labelled:
            if x1 + len(text) * CHAR_W + 8 > WIDTH - RIGHT:
                label = (f'<text x="{f(x0 - 4)}" y="{f(y + MARK_H / 2)}" dy="0.35em" text-anchor="end">'
                         f"{x(text)}</text>")
            else:
                label = f'<text x="{f(x1 + 4)}" y="{f(y + MARK_H / 2)}" dy="0.35em">{x(text)}</text>'
        out.append(f'<a href="{x(href)}"><title>{x(tip)}</title>{shape}{label}</a>')
    out.append("</g></svg>")
    return "".join(out)
