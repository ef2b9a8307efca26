"""Markdown typed in the admin, turned into HTML that cannot carry script.

Markdown passes raw HTML through, so its output is cleaned with nh3 (the Rust ammonia
sanitiser) against a short allow-list: whatever staff paste, a page only ever gets
headings, paragraphs, lists, emphasis, quotes, tables and plain links.
"""

from functools import lru_cache

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


# A pure function of the text, and pages render the same biographies and articles again and
# again: each process keeps the last few hundred results (an edit is new text, so a new key).
@lru_cache(maxsize=512)
def render(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
