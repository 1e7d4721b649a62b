"""How django-axes recognises repeated failed sign-ins: the same username (in any case) from the same address."""


def username(request, credentials):
    """The email address tried, lower-cased, so EDITOR@example.org and editor@example.org count together."""
    data = credentials if credentials is not None else getattr(request, "POST", {})
    # Lower-cased, without NUL characters (PostgreSQL refuses them), at most the 255 characters axes keeps.
    return str(data.get("username") or "").replace("\x00", "").strip().lower()[:255]
