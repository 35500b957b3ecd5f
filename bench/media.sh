#!/usr/bin/env bash
# Media benchmark: a 12-megapixel JPEG into all variants (4 widths × JPEG and WebP), Masthead
# against one ImageMagick process that decodes once and writes the same eight files, in one run.
# Prints times (median of RUNS) and file sizes side by side. Usage: bench/media.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/masthead/target}"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
IM=/usr/bin/convert # the `convert` first on PATH may be a stand-in
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p masthead-media --example variants
bin="$CARGO_TARGET_DIR/release/examples/variants"

# A photo-like 4000×3000 JPEG: smooth areas, edges and sensor-like grain.
"$IM" -seed 7 -size 4000x3000 plasma:fractal -blur 0x1.5 -attenuate 0.4 +noise Gaussian -quality 92 "$work/photo.jpg"
echo "source: 4000x3000 JPEG, $(stat -c %s "$work/photo.jpg") bytes; JPEG quality 82 (4:2:0), WebP quality 80"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

im_once() {
  local out="$1"
  mkdir -p "$out"
  # 4:2:0 chroma, as Masthead writes (ImageMagick 6 keeps full chroma at -quality 82 unless told).
  local args=("$work/photo.jpg" -auto-orient -strip -sampling-factor 2x2 -write mpr:src +delete)
  for w in 480 960 1600; do
    args+=(\( mpr:src -resize "${w}x" -quality 82 -write "$out/$w.jpg" -quality 80 -write "$out/$w.webp" \) +delete)
  done
  args+=(mpr:src -resize 2400x -quality 82 -write "$out/2400.jpg" -quality 80 "$out/2400.webp")
  "$IM" "${args[@]}"
  for w in 480 960 1600 2400; do
    for f in jpg webp; do [ -s "$out/$w.$f" ] || { echo "ImageMagick did not write $w.$f" >&2; exit 1; }; done
  done
}

im_times=() ; mh_times=()
for i in $(seq "$RUNS"); do
  rm -rf "$work/im" "$work/site"
  t0=$(now_ms); im_once "$work/im"; t1=$(now_ms)
  im_times+=($((t1 - t0)))
  t0=$(now_ms); "$bin" "$work/photo.jpg" "$work/site" >"$work/mh.txt"; t1=$(now_ms)
  mh_times+=($((t1 - t0)))
done
im_ms=$(printf '%s\n' "${im_times[@]}" | median)
mh_ms=$(printf '%s\n' "${mh_times[@]}" | median)

printf '\n%-8s %-6s %12s %12s %7s\n' width format masthead imagemagick ratio
total_mh=0 total_im=0
while IFS=$'\t' read -r width _ format path; do
  [ "$width" = total_ms ] && continue
  ext=$([ "$format" = webp ] && echo webp || echo jpg)
  mh=$(stat -c %s "$path"); im=$(stat -c %s "$work/im/$width.$ext")
  total_mh=$((total_mh + mh)); total_im=$((total_im + im))
  printf '%-8s %-6s %12d %12d %7.2f\n' "$width" "$format" "$mh" "$im" "$(echo "$mh / $im" | bc -l)"
done <"$work/mh.txt"
printf '%-15s %12d %12d %7.2f\n' "all files" "$total_mh" "$total_im" "$(echo "$total_mh / $total_im" | bc -l)"
echo
echo "time (median of $RUNS): masthead ${mh_ms} ms (${mh_times[*]}), imagemagick ${im_ms} ms (${im_times[*]})"
printf 'ratio: %.2fx ImageMagick'"'"'s time (goal <= 0.5x)\n' "$(echo "$mh_ms / $im_ms" | bc -l)"
