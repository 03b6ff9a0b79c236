"""Writes a Qwen2-architecture model with random seeded weights in the onnx-community Qwen2.5 layout that
transformers.js 4.x loads (config.json, generation_config.json, onnx/model.onnx fp32, onnx/model_quantized.onnx q8,
onnx/model_q4.onnx q4) plus manifest.json. See README.md here for the shapes, sizes and times.

  /usr/bin/python3 training/qwen/export_qwen.py --shape tiny|full [--out DIR] [--seed 0] [--dtypes fp32,q8,q4] [--force]

Default out: .cache/qwen-<shape>/<script version>/ (git-ignored). A folder whose manifest.json already records this
script version, shape, seed and dtypes, with every listed file present at its listed size, is not rebuilt.
Prints one JSON line: folder, files (bytes), seconds, parameters, skipped.
"""
import argparse
import datetime
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
sys.path.insert(0, TRAINING)
sys.path.insert(0, HERE)
from build_common import listed_files, scripts_sha256  # noqa: E402

try:
    import numpy as np
    import onnx
except ImportError as error:
    sys.exit(f"{error}: apt-get install -y python3-onnx python3-numpy, then run with /usr/bin/python3 "
             "(a pyenv python does not see Debian's packages)")
import qwen_graph  # noqa: E402
import quantize  # noqa: E402

# What decides the files: a change to any of these is a new version (and a new default folder).
SOURCES = ["qwen/export_qwen.py", "qwen/qwen_graph.py", "quantize.py", "build_common.py"]
VERSION = scripts_sha256(TRAINING, SOURCES)
FILES = {"fp32": "model.onnx", "q8": "model_quantized.onnx", "q4": "model_q4.onnx"}
DATA_FILE = "model.onnx_data"  # the full shape's fp32 weights, beside model.onnx
GENERATION_CONFIG = {"bos_token_id": 151643, "do_sample": True, "eos_token_id": [151645, 151643], "pad_token_id": 151643,
                     "repetition_penalty": 1.1, "temperature": 0.7, "top_k": 20, "top_p": 0.8}


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def complete(folder, shape, seed, dtypes):
    """True when folder holds a finished build of this script version (sizes checked; hashing 2 GB is left out)."""
    try:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        return False
    if (manifest.get("script_version"), manifest.get("shape"), manifest.get("seed")) != (VERSION, shape, seed):
        return False
    if not set(dtypes) <= set(manifest.get("dtypes", [])):
        return False
    return all(os.path.isfile(p) and os.path.getsize(p) == f["bytes"]
               for f in manifest["files"] for p in [os.path.join(folder, f["path"])])


def build(shape, folder, seed, dtypes):
    onnx_dir = os.path.join(folder, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    for name in ["manifest.json", *[os.path.join("onnx", f) for f in [*FILES.values(), DATA_FILE]]]:
        if os.path.exists(os.path.join(folder, name)):  # the manifest goes first: an interrupted build is incomplete
            os.remove(os.path.join(folder, name))
    seconds = {}
    started = time.time()
    external = shape == "full"  # 2 GB of fp32 does not fit one protobuf
    model, parameters = qwen_graph.build(shape, seed, os.path.join(onnx_dir, DATA_FILE) if external else None)
    fp32 = os.path.join(onnx_dir, FILES["fp32"])
    onnx.save(model, fp32)
    del model
    onnx.checker.check_model(fp32)  # by path: resolves the external data file too
    seconds["fp32"] = round(time.time() - started, 2)
    if "q8" in dtypes:
        t = time.time()
        quantize.quantize(fp32, os.path.join(onnx_dir, FILES["q8"]), embeddings=True)
        seconds["q8"] = round(time.time() - t, 2)
    if "q4" in dtypes:
        t = time.time()
        # accuracy_level 4: int8 compute per block of each row (row-independent); full shape decoding measured 41 -> 21 ms/token
        quantize.quantize(fp32, os.path.join(onnx_dir, FILES["q4"]), weights="q4", embeddings=True, accuracy_level=4)
        seconds["q4"] = round(time.time() - t, 2)

    config = qwen_graph.config_for(shape)
    if external:  # transformers.js then fetches onnx/model.onnx_data with the fp32 file (and only with it)
        config["transformers.js_config"] = {"use_external_data_format": {FILES["fp32"]: 1}}
    write_json(os.path.join(folder, "config.json"), config)
    write_json(os.path.join(folder, "generation_config.json"), GENERATION_CONFIG)
    seconds["total"] = round(time.time() - started, 2)
    manifest = {
        "name": f"qwen2-{shape}-random", "shape": shape, "seed": seed, "dtypes": ["fp32", *[d for d in ("q8", "q4") if d in dtypes]],
        "description": "Qwen2 architecture (HF Qwen2ForCausalLM) with random N(0, 0.02) weights: tests the export, not language.",
        "script_version": VERSION, "sources": SOURCES,
        "created": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "config": config, "parameters": parameters, "build_seconds": seconds,
        "onnx": onnx.__version__, "numpy": np.__version__, "opset": qwen_graph.OPSET,
        "files": listed_files(folder),
    }
    write_json(os.path.join(folder, "manifest.json"), manifest)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=sorted(qwen_graph.SHAPES), required=True)
    parser.add_argument("--out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtypes", default="fp32,q8,q4", help="fp32 is always written (the others derive from it)")
    parser.add_argument("--force", action="store_true", help="rebuild even when the folder is complete")
    args = parser.parse_args(argv)
    dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    unknown = set(dtypes) - set(FILES)
    if unknown:
        parser.error(f"unknown dtypes {sorted(unknown)}; known: {sorted(FILES)}")
    folder = os.path.abspath(args.out or os.path.join(TRAINING, "..", ".cache", f"qwen-{args.shape}", VERSION[:16]))
    started = time.time()
    skipped = not args.force and complete(folder, args.shape, args.seed, dtypes)
    if skipped:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
    else:
        manifest = build(args.shape, folder, args.seed, dtypes)
    print(json.dumps({"folder": folder, "shape": args.shape, "files": {f["path"]: f["bytes"] for f in manifest["files"]},
                      "seconds": round(time.time() - started, 2), "build_seconds": manifest["build_seconds"],
                      "parameters": manifest["parameters"], "skipped": skipped}))


if __name__ == "__main__":
    main()
