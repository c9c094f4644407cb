"""The one settings object: every knob of Kabar, read from `KABAR_*` variables and `.env`.

Modules never read the environment themselves; callers build a `Settings` (tests point it at
`tmp_path`) and pass it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_STORE_DIR = Path("data/chroma")
DEFAULT_MODEL_CACHE = Path.home() / ".cache" / "kabar" / "models"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KABAR_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Storage: an embedded Chroma in store_dir, or a `chroma run` server when chroma_host is set.
    store_dir: Path = DEFAULT_STORE_DIR
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = Field(default="kabar_news", min_length=3)

    # Embeddings.
    embedding_model: str = "multilingual-e5-small"
    embedding_precision: Literal["auto", "fp32", "bf16"] = "auto"
    embedding_batch_size: int = Field(default=32, ge=1)
    model_cache_dir: Path = DEFAULT_MODEL_CACHE

    # Chunking, in words; chunks end on sentence boundaries.
    chunk_words: int = Field(default=180, ge=20)
    chunk_overlap_words: int = Field(default=40, ge=0)

    # URL and feed fetching. Private, loopback and link-local addresses are refused unless
    # allowed: a URL box must not become a way into the server's own network.
    fetch_timeout: float = Field(default=15.0, gt=0)
    allow_private_urls: bool = False

    # Retrieval.
    top_k: int = Field(default=5, ge=1, le=50)

    # Answering: auto | extractive | llamacpp | openai.
    llm: str = "auto"
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_api_key: str | None = None
    gguf_path: Path | None = None
    llm_max_tokens: int = 320
    llm_threads: int = 2
    # Before an answer is given, ask the local model whether the quoted evidence states it
    # (assistant/verify.py): auto (when the local model is installed) | off | local.
    verify: Literal["auto", "off", "local"] = "auto"

    # The default corpus the app ingests on first start (paths or URLs, comma separated).
    corpus: str = ""
    corpus_sample_size: int = Field(default=400, ge=0)

    # The web app.
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str | None = None
    auth_password: str | None = None

    def chroma_location(self) -> str:
        """Where the store lives, for messages: a directory or a server address."""
        if self.chroma_host:
            return f"http://{self.chroma_host}:{self.chroma_port}"
        return str(self.store_dir)


def load_settings(**overrides) -> Settings:
    """Settings from the environment plus `overrides`; a bad value becomes a KabarError that
    names the variable, e.g. "KABAR_COLLECTION: String should have at least 3 characters"."""
    from pydantic import ValidationError

    from assistant.errors import KabarError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"KABAR_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise KabarError(f"Invalid setting - {problems} - fix the option or variable") from None
