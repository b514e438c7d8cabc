#!/usr/bin/env bash
# Style-transfer quality figures: the 4 content x 4 style grid at 384 px (style-loss drop, content loss vs noise) and the
# per-step time and peak memory at 256/384/512 px for L-BFGS and Adam. Run from the repository root after
# `dotnet build -c Release`; OUT (default /tmp/style-grid) receives grid.png, grid.json, timing.txt, timing.jsonl.
set -u
M=${MLNETFACES_DATA:-../shared/data}/media
CLI="dotnet src/MlNetFaces.Cli/bin/Release/net10.0/mlnetfaces.dll"
OUT=${OUT:-/tmp/style-grid}
mkdir -p "$OUT"
$CLI style grid \
  --content $M/content/portrait_astronaut_eileen_collins_nasa.png $M/content/animal_cat_chelsea.png $M/content/still_life_coffee_cup.png $M/content/landscape_meadow_forest.jpg \
  --style $M/style/vangogh_starry_night.jpg $M/style/hokusai_great_wave_off_kanagawa.jpg $M/style/kandinsky_composition_vii.jpg $M/style/munch_the_scream.jpg \
  --size 384 --steps ${STEPS:-150} --out "$OUT/grid.png" --results "$OUT/results" --json > "$OUT/grid.json"
echo "grid done: $(date)"
for size in 256 384 512; do for opt in lbfgs adam; do
  /usr/bin/time -f "time $size $opt wall=%e user=%U sys=%S maxrss_kb=%M" -a -o "$OUT/timing.txt" \
    $CLI style image --content $M/content/animal_cat_chelsea.png --style $M/style/vangogh_starry_night.jpg \
      --size $size --steps 20 --optimizer $opt --out "$OUT/timing_${size}_${opt}.png" --json >> "$OUT/timing.jsonl"
done; done
echo "timing done: $(date)"
