"""What build_model.py and finetune.py share: the check for Debian's training toolchain, and the sha256 digests a
manifest records (every shipped file, and the scripts that made it)."""
import hashlib
import os
import sys


def require_toolchain():
    """Exits with the install command when torch or onnx is missing (PyPI is not reachable; Debian has both)."""
    try:
        import onnx  # noqa: F401
        import torch  # noqa: F401
    except ImportError as error:
        sys.exit(f"{error}: apt-get install -y python3-torch python3-onnx python3-regex libopenblas0-pthread, "
                 "then run with /usr/bin/python3 (a pyenv python does not see Debian's packages)")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def listed_files(folder):
    """Every file of a model folder but its manifest, sorted by path: {path, bytes, sha256}."""
    files = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            if rel != "manifest.json":
                files.append({"path": rel, "bytes": os.path.getsize(path), "sha256": sha256(path)})
    return sorted(files, key=lambda f: f["path"])


def scripts_sha256(folder, sources):
    """One digest over the scripts (and data) that build a model, in the order given."""
    return hashlib.sha256(b"".join(open(os.path.join(folder, s), "rb").read() for s in sources)).hexdigest()
