"""What public pages build once per content version and reuse: the category tree, filter options.

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
