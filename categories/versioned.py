"""What public pages build once per content version and reuse: the category tree, filter options, and the HTML of
the parts of a page that depend only on the content (navigation, footer, filter panel).

Every change to anything a public page shows bumps the content version (DESIGN.md, Caching), so something built
from the database and kept under the version it was built at is never stale. Each process keeps only the latest
build of each thing, in memory: keyed by the content state, it cannot go stale across workers or servers.
`request.site` (the council's settings, set for every request) carries the content state.
"""

_built = {}


def per_content_version(request, name, build):
    """`build()` once per content version in this process; later requests under the same version reuse it."""
    state = (request.site.content_version, request.site.content_changed_at)
    entry = _built.get(name)
    if entry is None or entry[0] != state:
        entry = (state, build())
        _built[name] = entry
    return entry[1]


MAX_FRAGMENTS = 2000  # pieces of HTML kept per process (a few KB each); all are dropped when there are more
_fragments = {"state": None, "html": {}}


def fragment(request, key, render):
    """The HTML `render()` makes for `key`, rendered once per content version in this process."""
    state = (request.site.content_version, request.site.content_changed_at)
    if _fragments["state"] != state or len(_fragments["html"]) >= MAX_FRAGMENTS:
        _fragments["state"], _fragments["html"] = state, {}
    html = _fragments["html"].get(key)
    if html is None:
        html = _fragments["html"][key] = render()
    return html
