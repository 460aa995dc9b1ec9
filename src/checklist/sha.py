"""sha1 for the keys and names of derived files, without loading OpenSSL.

`import hashlib` initialises OpenSSL (~3 ms, more than a command's own import of most of
our modules); CPython's builtin `_sha1` gives the same digest. Where a build lacks it,
hashlib's is used. Not for anything that must resist an attacker: the cache's keys only.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class Digest(Protocol):
        def update(self, data: bytes, /) -> None: ...
        def digest(self) -> bytes: ...
        def hexdigest(self) -> str: ...


def sha1(data: bytes = b"") -> Digest:
    """A sha1 object over data (update, digest, hexdigest, as hashlib's)."""
    try:
        from _sha1 import sha1 as builtin  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha1 as builtin
    found: Digest = builtin(data)
    return found
