#!/bin/sh
# Regenerates the German prompts from their manifest:
#   src/main/resources/prompts/de/manifest.properties  (id = text, one prompt a line)
# into src/main/resources/prompts/de/<id>.wav: 8 kHz, 16-bit signed PCM, mono, silence trimmed
# at both ends, normalised to -3 dBFS, 50 ms lead-in and 100 ms tail.
#
# Needs Debian's espeak-ng and sox (apt-get install espeak-ng sox). The generated WAVs are
# committed, so building the bundle never needs the synthesizer; run this only after editing
# the manifest, then commit the changed WAVs with it.
#
# Usage: ./generate-prompts.sh [id ...]   (no ids: every prompt; WAVs not in the manifest are removed)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dir="$here/src/main/resources/prompts/de"
manifest="$dir/manifest.properties"
voice="${VOICE:-de}"
speed="${SPEED:-150}"

command -v espeak-ng >/dev/null || { echo "espeak-ng is not installed" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is not installed" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# id = text lines; '#' and '!' start comments (java.util.Properties syntax, no continuations used)
sed -n -e '/^[[:space:]]*[#!]/d' -e 's/^[[:space:]]*\([^=[:space:]]*\)[[:space:]]*=[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*$/\1\t\2/p' \
    "$manifest" > "$tmp/prompts.tsv"

if [ $# -eq 0 ]; then
    # drop WAVs whose prompt left the manifest
    for wav in "$dir"/*.wav; do
        [ -e "$wav" ] || continue
        id=$(basename "$wav" .wav)
        cut -f1 "$tmp/prompts.tsv" | grep -qxF "$id" || { echo "removing $id.wav (not in the manifest)"; rm -f "$wav"; }
    done
fi

count=0
while IFS="$(printf '\t')" read -r id text; do
    if [ $# -gt 0 ]; then
        wanted=no
        for want in "$@"; do [ "$want" = "$id" ] && wanted=yes; done
        [ "$wanted" = yes ] || continue
    fi
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" -- "$text"
    sox -D "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$dir/$id.wav" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
        norm -3 rate 8000 pad 0.05 0.1
    count=$((count + 1))
done < "$tmp/prompts.tsv"
echo "generated $count prompts in $dir"
