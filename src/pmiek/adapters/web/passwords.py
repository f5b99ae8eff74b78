"""Password hashing: Argon2id through pwdlib.

``standard`` is argon2-cffi's RFC 9106 low-memory profile (t=3, m=64 MiB, p=4); ``fast``
(t=1, m=1 MiB, p=1) exists for tests only, where hundreds of logins would otherwise take
minutes. Both write ``$argon2id$`` hashes that either profile verifies.
"""

from __future__ import annotations

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

PROFILES = ("standard", "fast")


@cache
def hasher(profile: str = "standard") -> PasswordHash:
    """The password hasher of ``profile``."""
    if profile == "fast":
        return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    if profile == "standard":
        return PasswordHash((Argon2Hasher(),))
    raise ValueError(f"unknown password profile {profile!r}; profiles: {', '.join(PROFILES)}")
