#!/usr/bin/env bash
# Redraws the Teams app icons committed beside this script (needs ImageMagick: apt-get install imagemagick).
# color.png: 192×192, full colour. outline.png: 32×32, white on transparent. Both as Teams requires.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 192x192 xc:'#1F4E79' \
  -fill white -draw "roundrectangle 28,36 164,132 18,18" -draw "polygon 56,126 56,160 92,128" \
  -fill '#1F4E79' -font DejaVu-Serif-Bold -pointsize 130 -gravity north -annotate +0+40 '“' \
  -strip PNG32:color.png
convert -size 32x32 xc:none -fill none -stroke white -strokewidth 2 \
  -draw "roundrectangle 4,5 27,21 3,3" -draw "polyline 9,22 9,27 14,22" \
  -stroke none -fill white -font DejaVu-Serif-Bold -pointsize 22 -gravity north -annotate +0+6 '“' \
  -strip PNG32:outline.png
