#!/usr/bin/env bash
# Bicep: build and lint infra/main.bicep with the CLI from NuGet; any error or warning fails CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet restore build/tools/bicep.csproj --verbosity quiet
BICEP="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
chmod +x "$BICEP"
out=$(mktemp -d)
"$BICEP" build infra/main.bicep --outdir "$out" 2>"$out/build.log" || { cat "$out/build.log"; exit 1; }
"$BICEP" lint infra/main.bicep >"$out/lint.log" 2>&1 || { cat "$out/lint.log"; exit 1; }
if [ -s "$out/build.log" ] || [ -s "$out/lint.log" ]; then
  echo "Bicep reported diagnostics (warnings count as failures):"
  cat "$out/build.log" "$out/lint.log"
  exit 1
fi
echo "bicep build + lint: clean ($(wc -c < "$out/main.json") bytes of ARM JSON)"
rm -rf "$out"
