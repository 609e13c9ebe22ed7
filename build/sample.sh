#!/usr/bin/env bash
# The README's first command: packs Provenance.Build into the local feed (artifacts/packages) and builds the passing
# samples, samples/SotuAssistant and samples/SotuShardSet, which consume it like any user project would. Prints one
# summary line per manifest and exits with 0 only when every build passed.
#
#   ./build/sample.sh             build samples/SotuAssistant (passes: human + accumulated synthetic data)
#                                 and samples/SotuShardSet (passes: one human shard set of 41 files, index and lock)
#   ./build/sample.sh --failing   build samples/SotuReplace instead (fails on purpose: PROV2001, PROV2003, PROV2004)
#
# Extra arguments go to `dotnet build` (e.g. -v:n). With CI=true the build runs in locked mode and re-hashes every shard.
set -euo pipefail
cd "$(dirname "$0")/.."

samples=(samples/SotuAssistant/SotuAssistant.csproj samples/SotuShardSet/SotuShardSet.csproj)
if [[ "${1:-}" == "--failing" ]]; then
  samples=(samples/SotuReplace/SotuReplace.csproj)
  shift
fi

echo "==> dotnet pack src/Provenance.Build -c Release -o artifacts/packages"
dotnet pack src/Provenance.Build/Provenance.Build.csproj -c Release -o artifacts/packages -nologo -v:q

# Same version (0.1.0) on every pack: drop the copy NuGet extracted last time, so the samples get this build's task.
rm -rf artifacts/sample-packages/provenance.build

status=0
for sample in "${samples[@]}"; do
  # The gate is incremental (a stamp in obj/provenance/ says the manifests passed). Drop the stamp so this run checks
  # again and prints its summary lines even when nothing changed since the last run.
  rm -f "$(dirname "$sample")"/obj/provenance/*.stamp

  echo "==> dotnet build $sample"
  dotnet build "$sample" -nologo "$@" || status=$?
done
exit "$status"
