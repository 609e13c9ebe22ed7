#!/bin/bash
# Merge the partial indexes written by the tasks of slurm-seal.sh: once, after all of them succeeded.
# Explained in docs/sealing-at-scale.md of https://github.com/provenance-dev/provenance.
#
#   mkdir -p logs
#   jobid=$(sbatch --parsable slurm-seal.sh)
#   jobid=${jobid%%;*}
#   sbatch --dependency=afterok:$jobid slurm-merge.sh
#
# Writes provenance.index/<set-id>.tsv and provenance.yaml exactly as one single-machine `provenance seal` would,
# seals the single-file shards, and deletes the partials. A missing or inconsistent partial is a diagnostic (exit 1)
# and nothing is written. Afterwards: commit provenance.yaml and provenance.index/, run `provenance lock`, commit the
# lock.
#
#SBATCH --job-name=provenance-merge
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=logs/merge-%j.out
#SBATCH --kill-on-invalid-dep=yes

set -euo pipefail

export PATH="${PROVENANCE_TOOL_PATH:-$HOME/.dotnet/tools}:$PATH"
export DOTNET_PROCESSOR_COUNT="${SLURM_CPUS_PER_TASK:-2}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

cd "${SLURM_SUBMIT_DIR:-.}"
provenance seal provenance.yaml --merge
# --verify none: the array's tasks hashed the sets' files; hashing them again here would read the whole corpus on
# one node. The check still reads the manifest, its lineage, its lock and the policy.
provenance check provenance.yaml --verify none
