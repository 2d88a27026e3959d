#!/usr/bin/env bash
# Reproduces a shipped quadruped policy: CPG-expert data in Node on randomised terrain, commands
# and pushes (training/collectQuad.ts), PyTorch behaviour cloning through the CPG's 8-D action,
# ONNX export, DAgger rounds on the learner's own states, a quick closed-loop check, copy to assets/.
#
#   npm run train:quad -- FAMILY               # full run (~25 min on 2 busy cores), writes assets/policies/FAMILY/
#   npm run train:quad -- FAMILY --smoke [OUT] # tiny data, one epoch, into a temp dir (test suite, < 60 s)
#   npm run train:quad -- all                  # every family in turn
# FAMILY: quad-cpg-mlp | quad-lru | quad-transformer (or cpg-mlp | lru | transformer). Every
# family trains on the same expert data (training/work/quad-expert, seeds 1 and 2, collected once
# in two parallel shards); DAgger data is the family's own (training/work/FAMILY).
# The full table comes from `npm run eval:quad -- --write` afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
FAMILIES="quad-cpg-mlp quad-lru quad-transformer"
[ -x "$PY" ] && "$PY" -c 'import torch, onnx' 2>/dev/null || {
  echo "training needs PyTorch and onnx for /usr/bin/python3: apt-get install -y python3-torch python3-onnx" >&2
  exit 1
}
NODE="node --import tsx"
export OMP_WAIT_POLICY=PASSIVE

FAM=${1:-}
if [ "$FAM" = "all" ]; then
  for f in $FAMILIES; do "$0" "$f"; done
  exit 0
fi
case "$FAM" in quad-*) ;; *) FAM="quad-$FAM" ;; esac
case " $FAMILIES " in
  *" $FAM "*) ;;
  *) echo "usage: npm run train:quad -- FAMILY [--smoke [OUT]]   FAMILY: ${FAMILIES// /, } or all (got '${1:-}')" >&2; exit 2 ;;
esac

if [ "${2:-}" = "--smoke" ]; then
  W=$(mktemp -d); OUT=${3:-$W/out}; EXPERT=$W/expert
  E0=3; ED=2; SECONDS_EP=2; ROUNDS=1; EPOCHS=1; MINUTES=1; EVAL_EPS=1; EVAL_S=2
else
  W=training/work/$FAM; OUT=assets/policies/$FAM; EXPERT=training/work/quad-expert
  E0=${QUAD_EXPERT_EPISODES:-100}; ED=${QUAD_DAGGER_EPISODES:-40}; SECONDS_EP=8
  ROUNDS=${QUAD_ROUNDS:-2}; EPOCHS=200; MINUTES=${TRAIN_MINUTES:-3.5}; EVAL_EPS=4; EVAL_S=30
fi
mkdir -p "$W"
# Expert data: two shards (seeds 1, 2) in parallel, E0 episodes each.
for s in 1 2; do
  if [ -f "$EXPERT/s$s/meta.json" ] && grep -q "\"episodes\": $E0," "$EXPERT/s$s/meta.json"; then
    echo "== round 0: expert shard $s already in $EXPERT/s$s"
  else
    echo "== round 0: expert data, shard $s"
    $NODE training/collectQuad.ts --out "$EXPERT/s$s" --episodes $E0 --seed $s --seconds $SECONDS_EP &
  fi
done
wait
TRAIN="$PY training/train.py --threads 1 --reach-weight 1 --epochs $EPOCHS --minutes $MINUTES"
# The Transformer recomputes a 16-tick window per step: random 64-step crops (after 15 steps of
# context, no loss on them) give it several times more updates in the same wall time.
[ "$FAM" = quad-transformer ] && TRAIN="$TRAIN --crop 64 --crop-warm 15"
$TRAIN --family "$FAM" --data "$EXPERT/s1" "$EXPERT/s2" --out "$W/m0" --seed 0
data=("$EXPERT/s1" "$EXPERT/s2")
for r in $(seq 1 $ROUNDS); do
  p=$((r - 1))
  echo "== round $r: DAgger data on the learner's own states (two shards)"
  for s in 1 2; do
    $NODE training/collectQuad.ts --out "$W/d$r-$s" --episodes $ED --seed $((10 * r + s)) --seconds $SECONDS_EP \
      --policy "$W/m$p/model.onnx" --card "$W/m$p/card.json" &
  done
  wait
  data+=("$W/d$r-1" "$W/d$r-2")
  $TRAIN --data "${data[@]}" --out "$W/m$r" --init "$W/m$p/model.pt" --seed $r
done
final="$W/m$ROUNDS"
echo "== closed-loop check (rough, default difficulty, $EVAL_EPS episodes)"
$NODE training/evaluateQuad.ts --controllers "$final" --episodes $EVAL_EPS --terrains rough \
  --difficulties 0.1 --seconds $EVAL_S --write
mkdir -p "$OUT"
cp "$final/model.onnx" "$final/card.json" "$final/golden.json" "$OUT/"
echo "policy written to $OUT"
