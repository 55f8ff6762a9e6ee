"""How much a word tells: rare words (names, places, numbers) outweigh common ones.

Weights come from general English word frequencies (the wordfreq package's Zipf scale:
7 for "the", about 4 for "Putin", 0 for words it has never seen). They are read straight
from wordfreq's small English table, which loads in a few milliseconds, instead of through
wordfreq's API, whose import alone costs a tenth of a second on every run.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

NUMBER_WEIGHT = 4.0
"""A number is as telling as a fairly rare word: "24 years" must not match "23 years"."""
MAX_WEIGHT = 5.5
MIN_WEIGHT = 0.5
_CEILING = 7.0  # Zipf at which a word is worth MIN_WEIGHT


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    try:
        import msgpack

        # Found without importing wordfreq, whose own imports (ftfy, langcodes, regex
        # tables) cost far more than the table itself.
        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return {}
        data_file = (
            Path(next(iter(spec.submodule_search_locations))) / "data" / "small_en.msgpack.gz"
        )
        with gzip.open(data_file) as fh:
            bins = msgpack.load(fh, raw=False)
    except Exception:  # pragma: no cover - wordfreq missing or changed its layout
        return {}
    table: dict[str, float] = {}
    # The "cB" format: bins[i] holds the words whose frequency is 10 ** (-i / 100);
    # bins[0] is a header. Zipf = log10(frequency per billion words) = 9 - i / 100.
    for i, words in enumerate(bins[1:], start=1):
        zipf = 9.0 - i / 100.0
        for w in words:
            table.setdefault(w, zipf)
    return table


def zipf(word: str) -> float:
    """General English frequency of a lower-cased word on the Zipf scale; 0 when unknown."""
    return _zipf_table().get(word, 0.0)


@lru_cache(maxsize=65536)
def word_weight(norm: str) -> float:
    """Weight of a normalised word (see `covdiff.normalize.Token.norm`)."""
    if norm[:1].isdigit():
        return NUMBER_WEIGHT
    zipf = _zipf_table().get(norm, 0.0)
    return max(MIN_WEIGHT, min(MAX_WEIGHT, _CEILING - zipf))
