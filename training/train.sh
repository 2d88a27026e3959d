#!/usr/bin/env bash
# Reproduces a shipped arm policy: expert data in Node, PyTorch training, ONNX export, DAgger
# rounds on the learner's own states, closed-loop evaluation in Node, copy to assets/.
#
#   npm run train -- FAMILY          # full run (~20 min on 2 cores), writes assets/policies/arm-FAMILY/
#   npm run train -- FAMILY --smoke [OUT]   # tiny data, one epoch, into a temp dir (test suite)
#   npm run train -- all             # every family in turn
# FAMILY: lru | selective | linoss | transformer (training/families.py). Every family trains on
# the same expert data (training/work/expert, collected once with seed 1); DAgger data is the
# family's own (training/work/FAMILY).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
FAMILIES="lru selective linoss transformer"
[ -x "$PY" ] && "$PY" -c 'import torch, onnx' 2>/dev/null || {
  echo "training needs PyTorch and onnx for /usr/bin/python3: apt-get install -y python3-torch python3-onnx" >&2
  exit 1
}
NODE="node --import tsx"

FAM=${1:-}
if [ "$FAM" = "all" ]; then
  for f in $FAMILIES; do "$0" "$f"; done
  exit 0
fi
case " $FAMILIES " in
  *" $FAM "*) ;;
  *) echo "usage: npm run train -- FAMILY [--smoke [OUT]]   FAMILY: ${FAMILIES// /, } or all (got '${FAM}')" >&2; exit 2 ;;
esac

if [ "${2:-}" = "--smoke" ]; then
  W=$(mktemp -d); OUT=${3:-$W/out}; EXPERT=$W/expert
  E0=6; ED=4; ROUNDS=1; EPOCHS=1; MINUTES=1; PER_TARGET=1
else
  W=training/work/$FAM; OUT=assets/policies/arm-$FAM; EXPERT=training/work/expert
  E0=600; ED=300; ROUNDS=3; EPOCHS=40; MINUTES=${TRAIN_MINUTES:-4}; PER_TARGET=20
fi
mkdir -p "$W"
if [ -f "$EXPERT/meta.json" ] && grep -q "\"episodes\": $E0," "$EXPERT/meta.json"; then
  echo "== round 0: expert data already in $EXPERT"
else
  echo "== round 0: expert data"
  $NODE training/collect.ts --out "$EXPERT" --episodes $E0 --seed 1
fi
$PY training/train.py --family "$FAM" --data "$EXPERT" --out "$W/m0" --epochs $EPOCHS --minutes $MINUTES --seed 0
data=("$EXPERT")
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
