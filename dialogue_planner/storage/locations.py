"""Where a database file lives: network shares and cloud-synced folders, a known cause of corruption.

SQLite's locking relies on the file system; network file systems often get it
wrong, and sync clients copy a database file while it is half written (or
without its -wal file). Such a location is allowed, but the user is warned.
"""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "webdav", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
})
# Folder names the common sync clients create (compared case-insensitively).
SYNCED_FOLDER_NAMES = ("dropbox", "onedrive", "google drive", "googledrive", "my drive", "icloud drive",
                       "icloud", "mobile documents", "nextcloud", "owncloud", "box sync", "pcloud drive",
                       "megasync", "seafile", "sync.com", "syncthing", "yandex.disk")


def _mount_of(path: Path, mounts_file: Path) -> str | None:
    """The file system type of the mount holding `path` (the longest mount point that contains it)."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best, kind = "", None
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, kind = mount_point, parts[2]
    return kind


def risky_location(database_path: Path, *, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """Why the folder holding the database is risky (a network share, a synced folder), or None."""
    folder = Path(os.path.abspath(database_path)).parent
    kind = _mount_of(folder, mounts_file)
    if kind and (kind in NETWORK_FILE_SYSTEMS or kind.startswith("nfs")):
        return f"the database lies on a network share ({kind})"
    if os.name == "nt" and str(folder).startswith("\\\\"):
        return "the database lies on a network share"
    for part in folder.parts:
        lowered = part.lower()
        if lowered in SYNCED_FOLDER_NAMES or lowered.startswith(("onedrive - ", "dropbox (")):
            return f"the database lies in a cloud-synced folder ({part})"
    return None


def location_warning(database_path: Path, **options) -> str | None:
    """A warning for the user before the first write, or None for an ordinary local folder."""
    reason = risky_location(database_path, **options)
    if reason is None:
        return None
    return (f"{reason}: such locations can corrupt an SQLite database (broken locking, files copied while "
            "half written). Keep it on a local disk and share it through a PostgreSQL server, or make sure "
            "only one person opens it at a time.")
