"""Re-embed DIR/card.json into DIR/model.onnx metadata_props (key `eigenplay_card`).

Run after the Node evaluator has written the evaluation into card.json, so the card inside the
model and the one beside it agree.   Usage: /usr/bin/python3 training/embed_card.py DIR
"""
import json
import sys
from pathlib import Path

import onnx


def embed(d: Path) -> None:
    card = json.loads((d / "card.json").read_text())
    model = onnx.load(str(d / "model.onnx"))
    kept = [p for p in model.metadata_props if p.key != "eigenplay_card"]
    del model.metadata_props[:]
    model.metadata_props.extend(kept)
    entry = model.metadata_props.add()
    entry.key = "eigenplay_card"
    entry.value = json.dumps(card, separators=(",", ":"))
    onnx.save(model, str(d / "model.onnx"))


if __name__ == "__main__":
    embed(Path(sys.argv[1]))
