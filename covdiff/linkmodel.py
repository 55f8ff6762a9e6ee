"""The link model: evidence about a sentence pair (`covdiff.pairs`) weighed into a probability.

Weights are fitted on the fixture gold by ``benchmarks/train_links.py`` (logistic
regression, leave-one-event-out figures printed there) and stored in ``link_model.json``
beside this file; applying them is one dot product per pair.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from covdiff.pairs import FEATURES

_MODEL = Path(__file__).with_name("link_model.json")


@lru_cache(maxsize=1)
def _weights() -> np.ndarray:
    data = json.loads(_MODEL.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("link_model.json does not match covdiff.pairs.FEATURES; retrain it")
    return np.array(data["weights"], dtype=np.float64)


def link_probability(evidence: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Probability per pair that it is one claim, from a ``(len(FEATURES), ...)`` stack."""
    w = _weights() if weights is None else weights
    logit = np.tensordot(w[:-1], evidence, axes=1) + w[-1]
    return 1.0 / (1.0 + np.exp(-logit))
