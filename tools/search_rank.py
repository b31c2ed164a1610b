"""Where does an entity's own page rank when you search its name? Runs the real search of a built site.

    python -m tools.search_rank PROJECT [--top 10] [--aliases]

PROJECT is a built project (its site/ and site/data/briefing.json). The site is served on 127.0.0.1 and a
headless Debian Chromium (Playwright, executable_path=/usr/bin/chromium; `playwright install` is never run)
types each of the most-mentioned persons' names into the site's own search: Material's search box when the
site was built with `search: material`, the Pagefind UI of search.html when it was built with Pagefind. It
prints the rank of the person's own page among the results (1 is the target; '-' means not in the first
results shown) and the first result when it is another page.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import threading
from pathlib import Path
from typing import Iterator, Optional

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def top_persons(site: Path, n: int) -> list[dict]:
    """The n persons with a page that the articles mention most (ties by id, so the list is stable)."""
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    people = [e for e in data["entities"] if e["type"] == "PERSON" and e.get("page")]
    return sorted(people, key=lambda e: (-e["mentions"], e["id"]))[:n]


def _path(href: str) -> str:
    return re.split(r"[#?]", href or "")[0]


def material_results(page, query: str) -> list[str]:
    """The result links Material's search shows for `query`, in order (one per page)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    items = page.locator(".md-search-result__item > a.md-search-result__link")
    try:
        items.first.wait_for(state="visible", timeout=15_000)
    except Exception:  # no result at all
        return []
    page.wait_for_timeout(300)  # the list settles after the last keystroke
    return [_path(h) for h in items.evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def pagefind_results(page, query: str) -> list[str]:
    """The result links of the Pagefind UI on search.html for `query`, in order."""
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.fill(query)
    links = page.locator(".pagefind-ui__result-link")
    try:
        links.first.wait_for(state="visible", timeout=15_000)
    except Exception:
        return []
    page.wait_for_timeout(800)  # Pagefind loads fragments after the first results show
    return [_path(h) for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def rank(results: list[str], target: str) -> Optional[int]:
    for i, href in enumerate(results, 1):
        if href.endswith(target):
            return i
    return None


def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def surname_queries(site: Path, persons: list[dict]) -> dict[str, str]:
    """id -> the bare surname, for the persons who are the most mentioned person with a page of that surname
    (so "Clinton" should find Hillary Clinton's page when she is named more than Bill Clinton)."""
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    best: dict[str, tuple[int, str]] = {}
    for e in data["entities"]:
        words = e["name"].split()
        if e["type"] == "PERSON" and e.get("page") and len(words) > 1:
            last = words[-1].lower()
            if last not in best or (e["mentions"], e["id"]) > best[last]:
                best[last] = (e["mentions"], e["id"])
    out = {}
    for e in persons:
        words = e["name"].split()
        if len(words) > 1 and best.get(words[-1].lower(), (0, ""))[1] == e["id"]:
            out[e["id"]] = words[-1]
    return out


def measure(project: Path, top: int = 10, aliases: bool = False, surnames: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    site = project / "site"
    pagefind = (site / "pagefind").is_dir()
    rows = []
    persons = top_persons(site, top)
    bare = surname_queries(site, persons) if surnames else {}
    for base in serve(site):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for ent in persons:
                queries = [("name", ent["name"])] + [("alias", a) for a in (ent["aliases"] if aliases else [])]
                if ent["id"] in bare:
                    queries.append(("surname", bare[ent["id"]]))
                for kind, q in queries:
                    if pagefind:
                        page.goto(base + "search.html")
                        found = pagefind_results(page, q)
                    else:
                        page.goto(base + "index.html")
                        found = material_results(page, q)
                    r = rank(found, ent["page"])
                    rows.append({"id": ent["id"], "kind": kind, "query": q, "mentions": ent["mentions"], "rank": r,
                                 "first": found[0] if found else None, "results": len(found)})
            browser.close()
    return rows


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("project", type=Path)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--aliases", action="store_true", help="search each alias too")
    ap.add_argument("--surnames", action="store_true", help="search the bare surname too, for a person who is "
                    "the most mentioned person with a page of that surname")
    args = ap.parse_args(argv)
    rows = measure(args.project, args.top, args.aliases, args.surnames)
    mode = "pagefind" if (args.project / "site" / "pagefind").is_dir() else "material"
    print(f"search: {mode}  project: {args.project}")
    print(f"{'query':32} {'kind':8} {'mentions':>8} {'rank':>5}  first result (when not the page)")
    for r in rows:
        first = "" if r["rank"] == 1 else (r["first"] or "(no result)")
        print(f"{r['query'][:32]:32} {r['kind']:8} {r['mentions']:>8} {r['rank'] or '-':>5}  {first}")
    for kind in ("name", "alias", "surname"):
        some = [r for r in rows if r["kind"] == kind]
        if some:
            print(f"own page first for its {kind}: {sum(r['rank'] == 1 for r in some)}/{len(some)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
