"""Build the shared Lambda layer: `python -m infra.deploy.build_layer [--force] [--no-precompile]`.

The layer is `infra/build/layer/python/`, which Lambda mounts at `/opt/python` (on `sys.path`):
the project's `shared` package plus every wheel of `infra/layer-requirements.txt`, downloaded for
CPython 3.12 on manylinux for the architecture serverless.yml deploys to, whatever machine builds
it. serverless.yml's top-level `layers:` zips that folder at `package`/`deploy` time.

Rebuilding the dependencies needs PyPI; they are rebuilt only when the requirements or the target
change (a stamp file records what was built), while `shared/` is copied afresh on every run.

Bytecode: /opt is read-only on Lambda, so a layer without `__pycache__` makes every cold start
compile each imported module again (measured here: importing the stack took 1.9 s from source
against 0.6 s from bytecode, on a full core; a 256 MB function has about a seventh of one). pip
must not compile (it would use this interpreter's version), so when a Python 3.12 interpreter is
at hand (`LAYER_PRECOMPILE_PYTHON`, `python3.12` on PATH, or a pyenv 3.12) the builder compiles
the layer with it; without one it builds a correct but slower-starting layer and says so.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from infra import ROOT
from infra.deploy.serverless_yml import read_serverless_yml

REQUIREMENTS = ROOT / "infra" / "layer-requirements.txt"
SHARED_SOURCE = ROOT / "shared"
BUILD_DIR = ROOT / "infra" / "build"
LAYER_DIR = BUILD_DIR / "layer"
SITE_DIR = LAYER_DIR / "python"
STAMP = LAYER_DIR / ".dependencies-stamp.json"
LOCK = BUILD_DIR / ".layer.lock"

PYTHON_VERSION = "3.12"
# Lambda's python3.12 runtime runs on Amazon Linux 2023 (glibc 2.34), so any manylinux wheel up
# to 2.34 works there. pip does not widen a manylinux_2_x tag to older ones by itself, and
# projects are moving from manylinux2014 to manylinux_2_28 wheels: list every level.
MANYLINUX_LEVELS = ("manylinux2014", "manylinux_2_17", "manylinux_2_28", "manylinux_2_34")
# Lambda's architecture names and the ones in wheel tags.
WHEEL_ARCH = {"arm64": "aarch64", "x86_64": "x86_64"}
# What the Lambda runtime already provides: a dependency that drags these in would only add
# megabytes and shadow the runtime's own copy. aws-xray-sdk requires botocore, which brings
# jmespath, python-dateutil and urllib3: the runtime's botocore comes with its own.
PROVIDED_BY_RUNTIME = (
    "boto3",
    "botocore",
    "s3transfer",
    "jmespath",
    "dateutil",
    "python_dateutil",
    "urllib3",
)
# Lambda's hard limit for a function and all its layers, unzipped.
LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024


@dataclass(frozen=True)
class LayerTarget:
    architecture: str  # as serverless.yml names it: arm64 or x86_64
    python_version: str = PYTHON_VERSION

    @property
    def platforms(self) -> tuple[str, ...]:
        arch = WHEEL_ARCH[self.architecture]
        return tuple(f"{level}_{arch}" for level in MANYLINUX_LEVELS)

    def pip_arguments(self, requirements: Path, target: Path) -> list[str]:
        platform_flags = [flag for p in self.platforms for flag in ("--platform", p)]
        return [
            "install",
            "--requirement",
            str(requirements),
            "--target",
            str(target),
            *platform_flags,
            "--only-binary=:all:",
            "--python-version",
            self.python_version,
            "--implementation",
            "cp",
            # Bytecode compiled by this interpreter would be for the wrong Python version.
            "--no-compile",
            "--disable-pip-version-check",
            "--no-input",
            "--quiet",
        ]


@dataclass(frozen=True)
class LayerSize:
    files: int
    unzipped_bytes: int
    zipped_bytes: int

    def describe(self) -> str:
        return (
            f"{self.files} files, {_megabytes(self.unzipped_bytes)} unzipped, "
            f"{_megabytes(self.zipped_bytes)} zipped"
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def target_from_serverless_yml() -> LayerTarget:
    """The build target named by serverless.yml, which must agree with the layer it declares."""
    document = read_serverless_yml()
    provider = document["provider"]
    runtime = str(provider["runtime"])
    if runtime != f"python{PYTHON_VERSION}":
        raise SystemExit(
            f"serverless.yml runtime is {runtime}; this builder targets {PYTHON_VERSION}"
        )
    architecture = str(provider.get("architecture", "x86_64"))
    if architecture not in WHEEL_ARCH:
        raise SystemExit(f"unknown Lambda architecture {architecture!r} in serverless.yml")
    declared = document["layers"]["shared"].get("compatibleArchitectures", [architecture])
    if declared != [architecture]:
        raise SystemExit(
            f"layers.shared.compatibleArchitectures {declared} differs from provider "
            f"architecture {architecture!r}"
        )
    return LayerTarget(architecture=architecture)


def dependencies_fingerprint(
    target: LayerTarget, requirements: Path, *, bytecode: bool
) -> dict[str, object]:
    return {
        "requirements_sha256": hashlib.sha256(requirements.read_bytes()).hexdigest(),
        "python_version": target.python_version,
        "platforms": list(target.platforms),
        "bytecode": bytecode,
    }


def dependencies_are_current(fingerprint: dict[str, object]) -> bool:
    if not STAMP.is_file():
        return False
    try:
        recorded: object = json.loads(STAMP.read_text())
    except json.JSONDecodeError:
        return False
    return recorded == fingerprint


def install_dependencies(target: LayerTarget, requirements: Path) -> None:
    if LAYER_DIR.exists():
        shutil.rmtree(LAYER_DIR)
    SITE_DIR.mkdir(parents=True)
    command = [sys.executable, "-m", "pip", *target.pip_arguments(requirements, SITE_DIR)]
    subprocess.run(command, check=True)
    for name in PROVIDED_BY_RUNTIME:
        for path in SITE_DIR.glob(f"{name}*"):
            _remove(path)
    # pip --target leaves console scripts nobody on Lambda can run.
    _remove(SITE_DIR / "bin")


def copy_shared_package() -> None:
    destination = SITE_DIR / "shared"
    _remove(destination)
    shutil.copytree(
        SHARED_SOURCE,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".pytest_cache"),
    )


def _python_version(python: str) -> str | None:
    try:
        completed = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError:
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


def find_runtime_python() -> str | None:
    """A Python interpreter of the Lambda runtime's version, if this machine has one."""
    candidates: list[str] = []
    if explicit := os.environ.get("LAYER_PRECOMPILE_PYTHON"):
        candidates.append(explicit)
    if on_path := shutil.which(f"python{PYTHON_VERSION}"):
        candidates.append(on_path)
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates.extend(
        str(path)
        for path in sorted(
            pyenv_root.glob(f"versions/{PYTHON_VERSION}.*/bin/python{PYTHON_VERSION}")
        )
    )
    for candidate in candidates:
        if _python_version(candidate) == PYTHON_VERSION:
            return candidate
    if explicit:
        raise SystemExit(f"LAYER_PRECOMPILE_PYTHON={explicit} is not a Python {PYTHON_VERSION}")
    return None


def precompile(python: str, directory: Path) -> None:
    # unchecked-hash: used as they are, whatever file times the zip and Lambda's unpacking leave.
    subprocess.run(
        [
            python,
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "unchecked-hash",
            str(directory),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(directory: Path) -> LayerSize:
    files = sorted(path for path in directory.rglob("*") if path.is_file())
    files = [path for path in files if path != STAMP]
    unzipped = sum(path.stat().st_size for path in files)
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "layer.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for path in files:
                bundle.write(path, path.relative_to(directory).as_posix())
        zipped = archive.stat().st_size
    return LayerSize(files=len(files), unzipped_bytes=unzipped, zipped_bytes=zipped)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """One process at a time across the machine (parallel test workers, a second terminal)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(*, force: bool = False, bytecode: bool = True) -> LayerSize:
    target = target_from_serverless_yml()
    runtime_python = find_runtime_python() if bytecode else None
    fingerprint = dependencies_fingerprint(
        target, REQUIREMENTS, bytecode=runtime_python is not None
    )
    # Parallel test workers may each ask for the layer: one builds, the others wait for it.
    with file_lock(LOCK):
        if force or not dependencies_are_current(fingerprint):
            print(
                f"layer: installing {REQUIREMENTS.relative_to(ROOT)} for CPython "
                f"{target.python_version} on {', '.join(target.platforms)}",
                flush=True,
            )
            install_dependencies(target, REQUIREMENTS)
            if runtime_python:
                precompile(runtime_python, SITE_DIR)
            STAMP.write_text(json.dumps(fingerprint, indent=2) + "\n")
        else:
            print("layer: dependencies up to date", flush=True)
        copy_shared_package()
        if runtime_python:
            precompile(runtime_python, SITE_DIR / "shared")
            print(f"layer: bytecode compiled with {runtime_python}")
        else:
            print(
                f"layer: WARNING no Python {PYTHON_VERSION} found: the layer ships no bytecode, "
                "so cold starts compile every module (set LAYER_PRECOMPILE_PYTHON)"
            )
        size = measure(LAYER_DIR)
    print(f"layer: {LAYER_DIR.relative_to(ROOT)} ({target.architecture}): {size.describe()}")
    if size.unzipped_bytes >= LAMBDA_UNZIPPED_LIMIT_BYTES:
        raise SystemExit("layer: over Lambda's 250 MB unzipped limit")
    return size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="reinstall the dependencies")
    parser.add_argument(
        "--no-precompile",
        action="store_true",
        help=f"ship no bytecode even if a Python {PYTHON_VERSION} is at hand",
    )
    arguments = parser.parse_args(argv)
    build(force=arguments.force, bytecode=not arguments.no_precompile)


if __name__ == "__main__":
    main()
