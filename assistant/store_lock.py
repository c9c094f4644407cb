"""One writer at a time per store, across processes and threads.

Embedded Chroma is not multi-process safe: a process that keeps a client open does not see the
vectors another process wrote, and writing through such a stale client corrupts the store. So
every ingest (the CLI, the web app's uploads, the default corpus) holds an exclusive `flock` on
`<store_dir>/.kabar-write.lock` for its whole run, and a process re-opens its Chroma client
before it reads vectors or writes after someone else changed the store (see `NewsStore.refresh`).

Readers never wait for a writer: a reader that would need to read vectors from Chroma (an index
rebuild) asks `shared(wait=False)`, and while a writer is mid-run it keeps serving the index it has.
The kernel drops a `flock` when its process dies, so a killed ingest never leaves the store locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".kabar-write.lock"

_locks: dict[Path, StoreLock] = {}
_locks_guard = threading.Lock()


def store_lock(store_dir: Path) -> StoreLock:
    """The process-wide lock object of a store directory (one per directory, so the threads of
    one process coordinate through it as well as through the kernel)."""
    path = Path(store_dir).resolve() / LOCK_FILE
    with _locks_guard:
        if path not in _locks:
            _locks[path] = StoreLock(path)
        return _locks[path]


class StoreLock:
    def __init__(self, path: Path):
        self.path = path
        self._threads = threading.Lock()
        self._owner: int | None = None

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)

    def held_here(self) -> bool:
        """True when the calling thread holds the exclusive lock."""
        return self._owner == threading.get_ident()

    @contextmanager
    def exclusive(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the store for writing; re-entrant in one thread. `on_wait` is called once if
        another thread or process holds it and we have to wait."""
        if self.held_here():
            yield
            return
        waited = False
        if not self._threads.acquire(blocking=False):
            waited = True
            if on_wait:
                on_wait()
            self._threads.acquire()
        try:
            fd = self._open()
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if on_wait and not waited:
                        on_wait()
                    fcntl.flock(fd, fcntl.LOCK_EX)
                self._owner = threading.get_ident()
                try:
                    yield
                finally:
                    self._owner = None
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        finally:
            self._threads.release()

    @contextmanager
    def shared(self, wait: bool = True) -> Iterator[bool]:
        """Hold a shared lock while no writer (here or in another process) is mid-run, and yield
        True. With `wait=False`, yield False at once instead of waiting for a writer. The
        writer's own thread always gets True."""
        if self.held_here():
            yield True
            return
        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
