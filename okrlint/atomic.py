"""Writing okrlint's own files (result cache, parsed rule data) so that a reader never sees half of one."""
from __future__ import annotations

import os


class AtomicFile:
    """A file written under a temporary ``.tmp-*`` name in the folder of ``path`` and renamed over
    ``path`` by :meth:`commit` (``os.replace``): readers see the old file or the new one.

    :meth:`discard` removes the temporary file; only a process killed before either leaves one
    behind. ``file`` is open for reading too (``w+b``), so a writer can go back and fill in a header.
    """

    def __init__(self, path: str) -> None:
        import tempfile

        self.path = path
        fd, self._tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-",
                                         suffix=os.path.splitext(path)[1])
        self.file = os.fdopen(fd, "w+b")

    def commit(self) -> None:
        self.file.close()
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        try:
            self.file.close()
            os.unlink(self._tmp)
        except OSError:
            pass


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through an :class:`AtomicFile`; on an error nothing is left and it is raised."""
    out = AtomicFile(path)
    try:
        out.file.write(data)
        out.commit()
    except BaseException:
        out.discard()
        raise
