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

SEMANTIC_FEATURES = (*FEATURES, "semantic", "cover_max", "cover_min")
"""With the optional semantic backend, the cosine of the two sentences' embeddings too, and
how much of each the other covers word piece by word piece
(`covdiff.prepared.semantic_evidence`)."""


def model_path(*, semantic: bool = False) -> Path:
    name = "link_model_semantic.json" if semantic else "link_model.json"
    return Path(__file__).with_name(name)


@lru_cache(maxsize=2)
def _weights(semantic: bool = False) -> np.ndarray:
    path = model_path(semantic=semantic)
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != (SEMANTIC_FEATURES if semantic else FEATURES):
        raise RuntimeError(f"{path.name} does not match the evidence features; retrain it")
    return np.array(data["weights"], dtype=np.float64)


def link_probability(evidence: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Probability per pair that it is one claim, from a ``(len(FEATURES), ...)`` stack
    (one row more, the cosine, when the stack carries semantic evidence)."""
    semantic = evidence.shape[0] == len(SEMANTIC_FEATURES)
    w = _weights(semantic) if weights is None else weights
    logit = np.tensordot(w[:-1], evidence, axes=1) + w[-1]
    return 1.0 / (1.0 + np.exp(-logit))
