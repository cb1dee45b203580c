"""Figures that are expensive to count and change rarely, kept in the cache per period and
dropped by the services that change what they count.

A `FigureCache` names a family of cached figures (one strand's dashboard figures, say). Each
entry's key carries the family's current generation; `invalidate()` starts a new generation, so
every older entry is unreachable at once (and expires on its own). The writing services call
`invalidate()` after a successful write (`invalidates` decorates them), bulk `.update()` calls
included, which no model signal would see.

`invalidate()` drops the figures now, so the writing request reads its own change, and again
when its transaction commits, so a figure another request counted meanwhile from the old rows
is not kept. The timeout is a backstop only: a change made outside the services (the admin, a
shell) is seen within it.
"""

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

#: A backstop only: a change made outside the services is seen within the hour.
TIMEOUT_SECONDS = 60 * 60


class FigureCache:
    def __init__(self, name: str, timeout: int = TIMEOUT_SECONDS):
        self.name = name
        self.timeout = timeout

    @property
    def _generation_key(self) -> str:
        return f"figures:{self.name}:generation"

    def _generation(self) -> str:
        found = cache.get(self._generation_key)
        if found is None:
            fresh = uuid.uuid4().hex
            cache.add(self._generation_key, fresh, None)
            found = cache.get(self._generation_key) or fresh
        return found

    def key(self, *parts) -> str:
        return ":".join(["figures", self.name, self._generation(), *(str(p) for p in parts)])

    def get_or_count(self, parts: tuple, count: Callable[[], Any]) -> Any:
        """The figures cached under `parts` (a period, a way of showing them), else `count()`
        cached there. The generation is read before counting: a write committed meanwhile
        moves it, so what was counted from the old rows lands under a key no one reads."""
        key = self.key(*parts)
        found = cache.get(key)
        if found is None:
            found = count()
            cache.set(key, found, self.timeout)
        return found

    def invalidate(self) -> None:
        """Forget every cached figure of this family: now and again when the transaction commits."""

        def drop() -> None:
            cache.set(self._generation_key, uuid.uuid4().hex, None)

        drop()
        transaction.on_commit(drop)

    def invalidates(self, write: Callable) -> Callable:
        """Decorate a service that changes what these figures count: once it has succeeded, the
        cached figures are dropped."""

        @functools.wraps(write)
        def wrapped(*args, **kwargs):
            done = write(*args, **kwargs)
            self.invalidate()
            return done

        return wrapped
