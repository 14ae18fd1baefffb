"""Writing okrlint's own files (result cache, parsed rule data) so that a reader never sees half of one."""
from __future__ import annotations

import contextlib
import os
from typing import BinaryIO, Iterator


@contextlib.contextmanager
def open_atomic(path: str) -> Iterator[BinaryIO]:
    """A file to write ``path`` through: a temporary ``.tmp-*`` file in the same folder, renamed over
    ``path`` with ``os.replace`` when the block ends without an error.

    Readers see the old file or the new one. On an error the temporary file is removed and the
    error raised; only a process killed between the write and the rename leaves one behind.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-", suffix=os.path.splitext(path)[1])
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` with :func:`open_atomic`."""
    with open_atomic(path) as fh:
        fh.write(data)
