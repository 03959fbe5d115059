"""The model loads from its package with its checksum checked; anything wrong with it
falls back to lexical matching, said once and plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from kithkin.semantic import load, minilm
from kithkin.semantic.encoder import ModelUnavailable
from kithkin.semantic.lexical import LexicalEncoder, stem


@pytest.fixture(autouse=True)
def _fresh_encoder() -> Iterator[None]:
    load.reset()
    yield
    load.reset()


def test_the_model_ships_in_a_package_and_matches_its_published_checksum() -> None:
    enc = minilm.MiniLMEncoder()
    assert minilm.model_file().is_file() and "site-packages" in str(minilm.model_file())
    vectors = enc.encode(["mushroom-based packaging", "sustainable packaging", "rock music"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > enc.related_at > sims[0, 2]  # related by meaning, not by words
    assert enc.encode(["mushroom-based packaging"])[0] == pytest.approx(vectors[0], abs=1e-6)


def test_a_tampered_model_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "model.onnx"
    data = bytearray(minilm.model_file().read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    monkeypatch.setenv(minilm.MODEL_ENV, str(copy))
    with pytest.raises(ModelUnavailable, match="checksum"):
        minilm.MiniLMEncoder()
    enc = load.encoder()
    assert enc.name == LexicalEncoder.name and not enc.semantic
    notice = load.fallback_notice()
    assert notice is not None and "Semantic matching is off" in notice and "checksum" in notice


def test_a_missing_model_file_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(minilm.MODEL_ENV, str(tmp_path / "nowhere.onnx"))
    assert load.encoder().name == LexicalEncoder.name
    assert "cannot be read" in (load.fallback_notice() or "")


def test_a_tampered_tokenizer_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "tokenizer.json"
    copy.write_text(minilm.tokenizer_file().read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.setenv(minilm.TOKENIZER_ENV, str(copy))
    with pytest.raises(ModelUnavailable, match="tokenizer"):
        minilm.MiniLMEncoder()


def test_lexical_can_be_chosen_and_the_model_is_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load.encoder().semantic and load.fallback_notice() is None
    load.reset()
    monkeypatch.setenv(load.CHOICE_ENV, "lexical")
    assert not load.encoder().semantic
    assert "KITH_EMBEDDINGS=lexical" in (load.fallback_notice() or "")


def test_lexical_matches_shared_words_and_spellings_only() -> None:
    enc = LexicalEncoder()
    v = enc.encode(["sustainable packaging", "packaging design", "watercolour", "watercolor", ""])
    sims = v @ v.T
    assert sims[0, 1] >= enc.related_at
    assert sims[2, 3] > 0.3
    assert sims[0, 2] == 0.0
    assert not v[4].any()  # no words, no vector
    assert stem("painting") == stem("paints") == "paint"
