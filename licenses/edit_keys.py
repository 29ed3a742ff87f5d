"""Edit keys: who may publish a new version of a license composed here.

Anyone may read and download a license; only its author may add versions.
Authors have no accounts, so each license gets a random secret key when it
is created. Only its SHA-256 digest is stored (the key is random and long, so
a fast digest is enough); the plain key is shown once, to the author. A
browser that created a license, or that once entered its key, is remembered
in its session. Staff may edit any license.
"""

import hashlib
import hmac
import secrets

KEY_PREFIX = "rk_"
HEADER = "X-License-Key"
_SESSION_GRANTS = "license_edit_grants"
_SESSION_SHOW_ONCE = "license_edit_key_once"


def new_edit_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(24)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def key_matches(license, key: str | None) -> bool:
    """True when `key` is this license's edit key (constant-time compare)."""
    if not key or not license.edit_key_hash:
        return False
    return hmac.compare_digest(key_digest(key), license.edit_key_hash)


def edit_key_replace(license) -> str:
    """Give a license a new key; the old one stops working. Returns the key."""
    key = new_edit_key()
    license.edit_key_hash = key_digest(key)
    license.save(update_fields=["edit_key_hash"])
    return key


def session_grant(session, slug: str) -> None:
    grants = set(session.get(_SESSION_GRANTS, ()))
    grants.add(slug)
    session[_SESSION_GRANTS] = sorted(grants)


def session_granted(session, slug: str) -> bool:
    return slug in session.get(_SESSION_GRANTS, ())


def may_edit(*, user, session, license) -> bool:
    return bool(user and user.is_staff) or session_granted(session, license.slug)


def show_once(session, slug: str, key: str) -> None:
    """Keep the plain key for the next permalink page view only."""
    session[_SESSION_SHOW_ONCE] = {"slug": slug, "key": key}


def pop_shown_once(session, slug: str) -> str | None:
    held = session.get(_SESSION_SHOW_ONCE)
    if not held or held.get("slug") != slug:
        return None
    del session[_SESSION_SHOW_ONCE]
    return held["key"]
