#!/usr/bin/env bash
# Reproduces the shipped arm policy: expert data in Node, PyTorch training, ONNX export, DAgger
# rounds on the learner's own states, closed-loop evaluation in Node, copy to assets/.
#
#   npm run train            # full run (~20 min on 2 cores), writes assets/policies/arm-lru/
#   npm run train -- --smoke # tiny data, one epoch, into a temp dir; used by the test suite
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import torch, onnx' 2>/dev/null || {
  echo "training needs PyTorch and onnx for /usr/bin/python3: apt-get install -y python3-torch python3-onnx" >&2
  exit 1
}
NODE="node --import tsx"

if [ "${1:-}" = "--smoke" ]; then
  W=$(mktemp -d); OUT=${2:-$W/out}
  E0=6; ED=4; ROUNDS=1; EPOCHS=1; MINUTES=1; PER_TARGET=1
else
  W=training/work; OUT=assets/policies/arm-lru
  E0=600; ED=300; ROUNDS=3; EPOCHS=40; MINUTES=4; PER_TARGET=20
fi
mkdir -p "$W"
echo "== round 0: expert data"
$NODE training/collect.ts --out "$W/d0" --episodes $E0 --seed 1
$PY training/train.py --data "$W/d0" --out "$W/m0" --epochs $EPOCHS --minutes $MINUTES --seed 0
data=("$W/d0")
for r in $(seq 1 $ROUNDS); do
  p=$((r - 1))
  echo "== round $r: DAgger data on the learner's own states"
  $NODE training/collect.ts --out "$W/d$r" --episodes $ED --seed $((r + 1)) --policy "$W/m$p/model.onnx" --card "$W/m$p/card.json"
  data+=("$W/d$r")
  $PY training/train.py --data "${data[@]}" --out "$W/m$r" --init "$W/m$p/model.pt" --epochs $EPOCHS --minutes $MINUTES --seed $r
done
final="$W/m$ROUNDS"
echo "== closed-loop evaluation"
$NODE training/evaluate.ts "$final" --per-target $PER_TARGET --write
$PY training/embed_card.py "$final"
mkdir -p "$OUT"
cp "$final/model.onnx" "$final/card.json" "$final/golden.json" "$OUT/"
echo "policy written to $OUT"
