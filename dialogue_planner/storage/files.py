"""Writing a file complete or not at all: what every export (JSON, PDF) and backup copy relies on."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dialogue_planner.errors import StorageError


def write_file_atomically(path: Path | str, content: bytes) -> None:
    """Write `content` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    On any failure the temporary file is removed and an existing file at `path` stays as it
    was. A replaced file keeps its permissions. Raises StorageError naming the file, never
    quoting the content.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StorageError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a file")
    # 0o666 (less the umask) rather than mkstemp's 0o600: an export is an ordinary file of the user's.
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o666
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.partial"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    except OSError as error:
        raise StorageError(f"{path}: cannot write in folder {folder} ({error.strerror or error})") from error
    finished = False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        finished = True
    except OSError as error:
        raise StorageError(f"{path}: cannot write ({error.strerror or error})") from error
    finally:
        if not finished:
            temporary.unlink(missing_ok=True)
