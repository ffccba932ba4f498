#!/usr/bin/env bash
# The trainer's CUDA path, checked where CI cannot check it (CI has no GPU, and the package mirror
# there has no TorchSharp-cuda-linux). Needs an NVIDIA GPU, its driver, Docker with the NVIDIA
# Container Toolkit (docker run --gpus all) and network access for the image build.
#
#   scripts/gpu-check.sh
#
# It builds the trainer image with TORCH_BACKEND=cuda (the image azd deploys for T4/A100), trains
# one epoch of samples/stsb-positives.jsonl twice from the same base model, seed and batches:
# on cpu in fp32 (the reference) and on cuda in bf16, and compares the first 20 losses.
#
# Tolerance: each cuda loss within 1% of the cpu loss (relative; 0.005 absolute below a loss of 0.5).
# Why 1%: the losses of this setting are about 1.4 (dot similarity, scale 1, batch 8); bf16 against
# fp32 on one CPU differed by at most 0.03% over these 20 steps (2026-12-05, avx512_bf16), while
# dropout alone moves them by about 4%. Dropout is switched off in a copy of the base model
# (config.json), since CPU and CUDA draw different masks from the same seed.
#
# Prints each step's losses, pairs/s of both runs (one epoch of 160 pairs: start-up dominated, a
# floor, not a benchmark) and the GPU's peak memory as nvidia-smi sees it (the whole device).
# Exit code 0: within tolerance; 1: not; 2: the check could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER="${DOCKER:-docker}"
NVIDIA_SMI="${NVIDIA_SMI:-nvidia-smi}"
IMAGE="${GPU_CHECK_IMAGE:-pairtuner-trainer:gpu-check}"
STEPS=20
RELATIVE=0.01
ABSOLUTE=0.005

work=$(mktemp -d "${TMPDIR:-/tmp}/pairtuner-gpu-check.XXXXXX")
smi_pid=""
cleanup() {
  if [ -n "$smi_pid" ]; then kill "$smi_pid" 2>/dev/null || true; fi
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

fail() { echo "gpu-check: $*" >&2; exit 2; }

"$NVIDIA_SMI" -L >/dev/null 2>&1 || fail "nvidia-smi finds no NVIDIA GPU here; this check needs one."
"$DOCKER" info >/dev/null 2>&1 || fail "Docker is not running or not reachable."

echo "== building $IMAGE (TORCH_BACKEND=cuda)"
"$DOCKER" build -t "$IMAGE" --build-arg TORCH_BACKEND=cuda . || fail "docker build failed."

cp samples/stsb-positives.jsonl "$work/pairs.jsonl"
head -n 16 samples/stsb-positives.jsonl > "$work/warm.jsonl"
chmod -R a+rwX "$work"

# The trainer in the image, with $work as /w and the model cache inside it.
trainer() {
  "$DOCKER" run --rm --user "$(id -u):$(id -g)" -e HOME=/w -e PAIRTUNER_CACHE=/w/cache -v "$work:/w" "$@"
}

echo "== converting the builtin model (a one-step run on the cpu)"
trainer "$IMAGE" --train /w/warm.jsonl --out /w/warm --epochs 1 --batch-size 8 --device cpu >/dev/null \
  || fail "the warm-up run failed."
builtin=$(ls -d "$work"/cache/builtin/all-MiniLM-L6-v2-* 2>/dev/null | head -n 1)
[ -n "$builtin" ] || fail "no converted builtin model under the cache."
cp -r "$builtin" "$work/base"
sed -i -E 's/("(hidden|attention_probs)_dropout_prob"[[:space:]]*:[[:space:]]*)[0-9.eE+-]+/\10.0/' "$work/base/config.json"
[ "$(grep -cE '"(hidden|attention_probs)_dropout_prob": *0\.0' "$work/base/config.json")" = 2 ] \
  || fail "could not switch dropout off in the base model's config.json."

common=(--train /w/pairs.jsonl --epochs 1 --batch-size 8 --warmup-steps 2 --similarity dot --scale 1 --seed 42 --model /w/base)

echo "== cpu, fp32"
trainer "$IMAGE" "${common[@]}" --out /w/cpu --device cpu --precision fp32 || fail "the cpu run failed."

echo "== cuda, bf16"
"$NVIDIA_SMI" --query-gpu=memory.used --format=csv,noheader,nounits -lms 500 > "$work/gpu-memory.txt" 2>/dev/null &
smi_pid=$!
trainer --gpus all "$IMAGE" "${common[@]}" --out /w/cuda --device cuda --precision bf16 || fail "the cuda run failed."
kill "$smi_pid" 2>/dev/null || true
smi_pid=""

losses() { grep -o '"loss":[-0-9.eE+]*' "$1" | head -n "$STEPS" | cut -d: -f2; }
rate() { tail -n 1 "$1" | grep -o '"pairsPerSecond":[-0-9.eE+]*' | cut -d: -f2; }

losses "$work/cpu/training_log.jsonl" > "$work/cpu.txt"
losses "$work/cuda/training_log.jsonl" > "$work/cuda.txt"

echo "== first $STEPS losses (tolerance: ${RELATIVE} relative, ${ABSOLUTE} absolute floor)"
verdict=0
paste "$work/cpu.txt" "$work/cuda.txt" | awk -v steps="$STEPS" -v rel="$RELATIVE" -v abs="$ABSOLUTE" '
  BEGIN { printf "%5s %12s %12s %10s\n", "step", "cpu fp32", "cuda bf16", "rel diff" }
  {
    n++; d = $1 - $2; if (d < 0) d = -d; a = $1 < 0 ? -$1 : $1
    allowed = rel * a; if (allowed < abs) allowed = abs
    r = a > 0 ? d / a : d
    bad = (d > allowed || $2 == "")
    printf "%5d %12.6f %12.6f %10.5f%s\n", n, $1, $2, r, bad ? "  OUT OF TOLERANCE" : ""
    if (bad) out++
    if (r > worst) worst = r
  }
  END {
    if (n < steps) { printf "only %d losses, expected %d\n", n, steps; exit 1 }
    printf "largest relative difference: %.5f\n", worst
    exit (out > 0 ? 1 : 0)
  }' || verdict=1

echo "pairs/s: cpu fp32 $(rate "$work/cpu/training_log.jsonl"), cuda bf16 $(rate "$work/cuda/training_log.jsonl")"
if [ -s "$work/gpu-memory.txt" ]; then
  echo "GPU memory used, peak (nvidia-smi, whole device): $(sort -n "$work/gpu-memory.txt" | tail -n 1) MiB"
fi

if [ "$verdict" = 0 ]; then echo "gpu-check: PASS"; else echo "gpu-check: FAIL (cuda bf16 losses differ from cpu fp32 beyond the tolerance)"; fi
exit "$verdict"
