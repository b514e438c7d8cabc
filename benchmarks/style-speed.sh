#!/usr/bin/env bash
# Gatys per-step time, TorchSharp (mlnetfaces style image) beside PyTorch (benchmarks/pytorch_gatys.py), same algorithm,
# same sizes, 2 threads each, one after the other on an otherwise idle machine.
# Needs: a built CLI (dotnet build -c Release src/MlNetFaces.Cli) and Debian's python3-torch (apt-get install python3-torch).
# Usage: benchmarks/style-speed.sh [steps]   (prints one JSON line per framework × size × optimiser)
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-20}"
content=data/style-transfer/animal_cat_chelsea.png
style=data/style-transfer/vangogh_starry_night.jpg
cli="${MLNETFACES_CLI:-src/MlNetFaces.Cli/bin/Release/net10.0/mlnetfaces}"
out="$(mktemp -d)"
for size in 256 384 512; do
  for optimizer in lbfgs adam; do
    json="$("$cli" style image --content "$content" --style "$style" --size "$size" --steps "$steps" \
      --optimizer "$optimizer" --out "$out/$size-$optimizer.png" --json)"
    per_step="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds_per_step"])' "$json")"
    echo "{\"framework\": \"torchsharp\", \"size\": $size, \"optimizer\": \"$optimizer\", \"steps\": $steps, \"seconds_per_step\": $per_step}"
  done
done
/usr/bin/python3 benchmarks/pytorch_gatys.py --content "$content" --style "$style" --sizes 256 384 512 --steps "$steps" --threads 2
rm -rf "$out"
