"""The one options object of a comparison, with keyword-only knobs and documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    threshold: float = 35.0
    """Least confidence (0-100, the link model's probability in percent) for two sentences
    to count as one claim."""
    same_threshold: float = 92.0
    """Character-level similarity (0-100) at or above which a link is ``same`` wording."""
    reference_year: int | None = None
    """Year the reports were written, for date arithmetic ("24 years" = "since 2000");
    inferred from the sources' dates and text when None."""
    workers: int = -1
    """Threads for rapidfuzz's cdist; -1 uses every core."""
    blocking: bool = True
    """Score only pairs that share an informative token (faster on large inputs)."""
    semantic: bool = False
    """Also weigh sentence embeddings (`covdiff.semantic`, an optional extra): slower,
    better at paraphrase. The default never needs it."""
    # Ingest
    timeout: float = 15.0
    max_bytes: int = 20 * 1024 * 1024
    cache_dir: Path | None = None
    refresh: bool = False
    offline: bool = False
    user_agent: str = field(default="covdiff/0.1 (+comparative coverage diff)")
    retries: int = 3
    """Extra attempts after a 5xx, a 429 or a dropped connection (0 = try once)."""
    retry_backoff: float = 0.5
    """Seconds before the first retry, doubled for each further one."""
    retry_after_cap: float = 5.0
    """Longest wait honoured from a Retry-After header, in seconds."""
    max_redirects: int = 10
    """Redirect hops followed before a URL is given up as a loop."""
    fetch_workers: int = 4
    """Threads fetching URLs at once in `covdiff.fetch.fetch_many`."""
