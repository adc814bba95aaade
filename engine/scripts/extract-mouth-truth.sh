#!/usr/bin/env bash
# Ground truth for fitting the audio -> mouth model: per-frame dlib 68-point landmarks of every
# clip in a folder of talking-head videos (default: ../shared/media/av).
#
# This uses the REFERENCE tool (the original C++ dlib, /work/shared/tools/dlib_landmarks.cpp)
# and the ffmpeg CLI: it is a development tool for fitting, not part of the engine, which has
# its own Java landmark predictor. Outputs (never commit them) go to target/mouth-truth/:
#   <clip>.landmarks.txt   one line per frame: "frame nfaces [l t r b x0 y0 ... x67 y67]..."
#
# Needs: apt-get install -y libdlib-dev libdlib-data libpng-dev ffmpeg
# Usage: engine/scripts/extract-mouth-truth.sh [clip-dir] [out-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
clips="${1:-$here/../../shared/media/av}"
out="${2:-$here/target/mouth-truth}"
model=/usr/share/dlib/shape_predictor_68_face_landmarks.dat
src=/work/shared/tools/dlib_landmarks.cpp
[ -f "$src" ] || src="$here/../../shared/tools/dlib_landmarks.cpp"
mkdir -p "$out"
tool="$out/dlib_landmarks"
if [ ! -x "$tool" ]; then
  # Debian's libdlib links BLAS/LAPACK but ships only the .so.3 names.
  g++ -O2 -o "$tool" "$src" -ldlib -lpthread \
    "$(ls /usr/lib/x86_64-linux-gnu/libblas.so* | head -1)" "$(ls /usr/lib/x86_64-linux-gnu/liblapack.so* | head -1)"
fi
for f in "$clips"/*.mp4 "$clips"/*.mkv "$clips"/*.mpg; do
  [ -f "$f" ] || continue
  name="$(basename "$f")"
  dest="$out/$name.landmarks.txt"
  [ -s "$dest" ] && continue
  read -r w h < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$f" | tr ',' ' ')
  # Faces in these clips are 60-250 px: upsample once below 300 px so the HOG detector
  # (80 px minimum) finds them.
  up=1; [ "$w" -ge 400 ] && up=0
  ffmpeg -v error -nostdin -i "$f" -map 0:v:0 -f rawvideo -pix_fmt bgr24 - \
    | "$tool" "$w" "$h" "$model" "$up" 1 > "$dest.part"
  mv "$dest.part" "$dest"
  echo "$name: $(wc -l < "$dest") frames, $(awk '$2==0' "$dest" | wc -l) without a face" >&2
done
