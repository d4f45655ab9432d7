"""Making and checking agency tokens.

A token is `rr_<prefix>_<secret>`: the prefix (12 hex characters) finds the row, the secret (32 random bytes)
proves it. The database keeps SHA-256 of the secret, not a slow password hash: a password hasher exists to
make guessing *low-entropy* human passwords from a stolen hash expensive, but 256 random bits cannot be
guessed from their hash at any speed, while a deliberately slow hash would cost every API request hundreds of
milliseconds of CPU. The comparison is constant-time.
"""

import hashlib
import hmac
import secrets

from api.models import AgencyToken

SCHEME = "rr"


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> tuple[str, str, str]:
    """(prefix, secret, plain token) for a new token."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return prefix, secret, f"{SCHEME}_{prefix}_{secret}"


def token_find(raw: str) -> AgencyToken | None:
    """The active token `raw` is, or None (unknown, malformed, wrong secret or revoked)."""
    scheme, _sep, rest = raw.strip().partition("_")
    prefix, _sep, secret = rest.partition("_")
    if scheme != SCHEME or len(prefix) != 12 or not secret or len(secret) > 100:
        return None
    token = AgencyToken.objects.active().select_related("agency").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, secret_hash(secret)):
        return None
    return token
