"""Writing okrlint's own files (result cache, parsed rule data) so that a reader never sees half of one."""
from __future__ import annotations

import os


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary ``.tmp-*`` file in the same folder and ``os.replace``.

    Readers see the old file or the new one. On an error the temporary file is removed and the
    error raised; only a process killed between the write and the rename leaves one behind.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-", suffix=os.path.splitext(path)[1])
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
