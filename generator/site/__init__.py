"""The site: pages, indexes, page keys, SVG pictures, feeds, search, the guide, publishing and the live preview."""
