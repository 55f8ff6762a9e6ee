"""A disk cache of fetched pages, so a comparison can be rerun offline and without load on
the publishers' servers.

Where: ``Options.cache_dir``, else ``$COVDIFF_CACHE_DIR``, else the user cache directory
(``platformdirs.user_cache_dir("covdiff")``), in a ``pages/`` folder.

What it guarantees:
- one JSON file per URL, named by the SHA-256 of the URL, so no URL can name a path
  outside the cache directory;
- writes are atomic (a temporary file in the same folder, then ``os.replace``), so a
  crash mid-write never leaves a half entry under the real name;
- a corrupt, truncated or foreign entry reads as a miss (the page is fetched again),
  never as an error; a cache that cannot be written is skipped, not fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from covdiff.options import Options

ENV_VAR = "COVDIFF_CACHE_DIR"
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One cached page: what was asked for, where it ended up, and its decoded text."""

    url: str
    final_url: str
    text: str
    content_type: str | None
    fetched_at: str


def cache_dir(options: Options) -> Path:
    """The folder holding cached pages (not created here)."""
    if options.cache_dir is not None:
        base = Path(options.cache_dir)
    elif os.environ.get(ENV_VAR):
        base = Path(os.environ[ENV_VAR])
    else:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("covdiff"))
    return base.expanduser() / "pages"


def entry_path(url: str, options: Options) -> Path:
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir(options) / f"{digest}.json"


def load(url: str, *, options: Options) -> Entry | None:
    """The cached entry for ``url``, or None on a miss or an unreadable entry."""
    path = entry_path(url, options)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, truncated or not JSON: a miss
        return None
    if not isinstance(raw, dict) or raw.get("format") != _FORMAT or raw.get("url") != url:
        return None
    fields = {"url": str, "final_url": str, "text": str, "fetched_at": str}
    if not all(isinstance(raw.get(name), kind) for name, kind in fields.items()):
        return None
    content_type = raw.get("content_type")
    return Entry(
        url=raw["url"],
        final_url=raw["final_url"],
        text=raw["text"],
        content_type=content_type if isinstance(content_type, str) else None,
        fetched_at=raw["fetched_at"],
    )


def store(entry: Entry, *, options: Options) -> Path | None:
    """Write ``entry`` atomically; returns its path, or None if the cache is not writable."""
    path = entry_path(entry.url, options)
    payload = json.dumps({"format": _FORMAT, **asdict(entry)}, ensure_ascii=False)
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", suffix=".json", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except (OSError, UnicodeError):
        # The cache is an optimisation: a read-only or full disk, or a URL that cannot be
        # written as UTF-8 (a lone surrogate from undecodable command-line bytes), must not
        # fail the fetch.
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
        return None
    return path
