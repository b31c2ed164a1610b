"""Reader of HTML seeds (.html, .htm): the page's text by blocks (scripts and styles dropped), its <title>."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from generator.ingest.text import PARA_SPLIT


class _HTMLText(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "blockquote", "br", "article", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_title:
            self.title += data
        else:
            # keep one space where the text had any, so that words either side of a tag stay apart
            text = " ".join(data.split())
            self.parts.append((" " if data[:1].isspace() else "") + text + (" " if data[-1:].isspace() and text else "")
                              if text else " ")


def html_to_text(text: str) -> tuple[str, str]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.parts)
    paras = [" ".join(p.split()) for p in PARA_SPLIT.split(joined) if p.strip()]
    return html.unescape(parser.title).strip(), "\n\n".join(paras)
