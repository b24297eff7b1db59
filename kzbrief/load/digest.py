"""Hashes for the parse cache: its keys, the names of its files and the checksums of its parts."""

from __future__ import annotations

from typing import Protocol

try:  # the same hash as hashlib.blake2b, without hashlib loading OpenSSL (~2 ms a start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b


class Digest(Protocol):
    def update(self, data: bytes | memoryview, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


LARGE_BYTES = 4 * 1024 * 1024


def hasher(size: int) -> Digest:
    """A hash for `size` bytes: the same size always gets the same kind."""
    if size < LARGE_BYTES:
        return blake2b(digest_size=20)
    # Past a few MB OpenSSL's SHA-256 (hardware-assisted on x86 and ARM) wins: 17 ms
    # against blake2b's 41 ms for a 30 MB set here; below that, loading OpenSSL costs more.
    import hashlib

    return hashlib.sha256()


def checksum(label: str, data: bytes | memoryview) -> bytes:
    """The digest of `data`, bound to `label` (which names where the data belongs) and keyed
    with the user's secret, so only kzbrief run by this user can make one."""
    from .secret import cache_secret

    if len(data) >= LARGE_BYTES:  # key the fast SHA-256 of a large part, not the part itself
        large = hasher(len(data))
        large.update(data)
        data = large.digest()
    keyed = blake2b(digest_size=20, key=cache_secret())
    keyed.update(f"{len(label)}\x00{label}\x00".encode())
    keyed.update(data)
    return keyed.digest()


def short_hash(data: bytes) -> str:
    """A file name's worth of blake2b: for naming things in the cache folder."""
    return blake2b(data, digest_size=16).hexdigest()
