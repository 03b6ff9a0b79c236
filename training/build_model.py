"""Builds models/gpt-tutor-tiny from training/build/corpus.txt: tokenizer + training, ONNX export (cached decoder
fp32 and int8, int8 attention probe), manifest. Run through `npm run train:model`, which writes the corpus first.
Needs Debian's packages (PyPI is not reachable here), with Debian's own Python:
  apt-get install -y python3-torch python3-onnx python3-regex libopenblas0-pthread
  /usr/bin/python3 training/build_model.py
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_common import listed_files, require_toolchain, scripts_sha256  # noqa: E402

require_toolchain()
import onnx  # noqa: E402
import torch  # noqa: E402

import bpe  # noqa: E402
import export_onnx  # noqa: E402
import quantize  # noqa: E402
import train  # noqa: E402

NAME = "gpt-tutor-tiny"
# Bump when the pipeline changes what it produces (data, tokenizer, model, export, quantization).
SCRIPT_VERSION = "2.0.0"  # 1.1: quiz in the corpus; 1.2: per-token activation quantization; 2.0: prose corpus, frozen held-out text, early stopping, sink-free head choice
BUILD = os.path.join(HERE, "build")
SOURCES = ["export-corpus.ts", "corpus_split.py", "heldout-frozen.txt", "bpe.py", "model.py", "train.py", "export_onnx.py", "quantize.py", "choose-head.ts", "head-score.ts", "attention-sentences.json",
           "build_model.py", "build_common.py"]


def choose_attention_default(folder):
    """Records the default /attention head in the manifest: the clearest pattern once the attention sink is set aside,
    through the int8 probe the tutor ships (training/choose-head.ts, one implementation for build and tests)."""
    subprocess.run(["node", "--import", "tsx", os.path.join(HERE, "choose-head.ts"), folder], check=True,
                   cwd=os.path.dirname(HERE))


def write_manifest(folder, result, corpus_stats, gpt):
    files = listed_files(folder)
    hp = result["hyperparameters"]
    manifest = {
        "name": NAME,
        "description": "A tiny GPT-2-style model trained only on gpt-tutor's own lessons and quiz explanations, as prose (en, zh).",
        "script_version": SCRIPT_VERSION,
        "scripts_sha256": scripts_sha256(HERE, SOURCES),
        "created": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "architecture": {"type": "gpt2", "layers": hp["layers"], "d_model": hp["d_model"], "heads": hp["heads"],
                         "context": hp["context"], "vocab_size": hp["vocab_size"],
                         "parameters": sum(p.numel() for p in gpt.parameters()) - gpt.head.weight.numel()},
        "corpus": {"bytes": result["corpus_bytes"], "documents": result["corpus_documents"],
                   "lesson_files": corpus_stats.get("lessonFiles"),
                   "quiz_questions": corpus_stats.get("quizQuestions"), "train_tokens": result["train_tokens"],
                   "heldout_tokens": result["heldout_tokens"]},
        "training": {"train_loss": result["train_loss"], "heldout_loss": result["heldout_loss"],
                     "best_step": result["best_step"], "steps_run": result["steps_run"],
                     "frozen_paragraphs_left_out": result["frozen_paragraphs_left_out"],
                     "seconds": result["train_seconds"], "threads": result.get("threads"),
                     "hyperparameters": hp, "curve": result["curve"],
                     "torch": result["torch_version"], "onnx": onnx.__version__, "opset": export_onnx.OPSET},
        "files": files,
    }
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return manifest


def main(models_dir):
    started = time.time()
    corpus = os.path.join(BUILD, "corpus.txt")
    with open(os.path.join(BUILD, "corpus.json"), encoding="utf-8") as f:
        corpus_stats = json.load(f)
    checkpoint = os.environ.get("REUSE_CHECKPOINT")  # re-export a trained checkpoint (debugging the export)
    if not checkpoint:
        checkpoint = os.path.join(BUILD, "checkpoint.pt")
        train.main(corpus, checkpoint)
    folder = os.path.join(models_dir, NAME)
    shutil.rmtree(folder, ignore_errors=True)  # from scratch: no stale file survives a rebuild
    probe_fp32 = os.path.join(BUILD, "attention.onnx")
    gpt, tok, hp, result = export_onnx.export_all(checkpoint, folder, probe_fp32)
    onnx_dir = os.path.join(folder, "onnx")
    quantize.quantize(os.path.join(onnx_dir, "model.onnx"), os.path.join(onnx_dir, "model_quantized.onnx"))
    quantize.quantize(probe_fp32, os.path.join(onnx_dir, "attention_quantized.onnx"))
    manifest = write_manifest(folder, result, corpus_stats, gpt)
    choose_attention_default(folder)
    total = sum(f["bytes"] for f in manifest["files"])
    print(json.dumps({"folder": folder, "bytes": total, "train_loss": result["train_loss"],
                      "heldout_loss": result["heldout_loss"], "seconds": round(time.time() - started)}))


if __name__ == "__main__":
    main(os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "models")))
