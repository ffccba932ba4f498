#!/usr/bin/env bash
# The tokenizer's character table must be exactly what the installed Hugging Face tokenizers
# (package.json pins it) does to every code point: regenerate it and compare with the committed one.
set -euo pipefail
cd "$(dirname "$0")/../.."
table=src/PairTuner.Training/Tokenization/Data/bert-uncased-chars.txt
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
node src/PairTuner.Training/Tokenization/Data/generate-char-table.mjs "$fresh" >/dev/null
if ! diff -q "$table" "$fresh" >/dev/null; then
  echo "$table differs from what the installed tokenizers package does; regenerate it:"
  echo "  node src/PairTuner.Training/Tokenization/Data/generate-char-table.mjs"
  diff "$table" "$fresh" | head -20
  exit 1
fi
echo "tokenizer character table matches Hugging Face tokenizers ($(grep -vc '^#' "$table") runs)"
