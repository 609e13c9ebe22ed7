#!/bin/bash
# Seal one of N partitions of every shard set of provenance.yaml: a Slurm job array, one task per partition, then
# slurm-merge.sh once. Explained in docs/sealing-at-scale.md of https://github.com/provenance-dev/provenance.
#
# Submit from the manifest's folder on a shared filesystem: every task must list the same tree (the partitions are
# sorted positions in it), and the merge must find every task's partials there. Make the log folder first; Slurm
# does not create it.
#
#   mkdir -p logs
#   jobid=$(sbatch --parsable slurm-seal.sh)
#   jobid=${jobid%%;*}                               # --parsable prints "id;cluster" on a multi-cluster setup
#   sbatch --dependency=afterok:$jobid slurm-merge.sh
#
# afterok on the array's id waits for every task to succeed; slurm-merge.sh cancels itself if one fails
# (--kill-on-invalid-dep=yes). Then rerun the failed task alone, e.g. `sbatch --array=2 slurm-seal.sh`, and submit
# the merge again.
#
# N is PARTITIONS (default 4) and must equal the number of tasks, --array=0-(N-1). 64 partitions, 16 at a time
# (sbatch passes the environment on; --array on the command line overrides the one below):
#
#   PARTITIONS=64 sbatch --parsable --array=0-63%16 slurm-seal.sh
#
#SBATCH --job-name=provenance-seal
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=logs/seal-%A_%a.out

set -euo pipefail

N=${PARTITIONS:-4}

# The tool, installed once on the shared filesystem, e.g.
#   dotnet tool install --tool-path /shared/tools/provenance Provenance.Cli --add-source /path/to/provenance/artifacts/packages
# and run with PROVENANCE_TOOL_PATH=/shared/tools/provenance. Set DOTNET_ROOT too when dotnet is not installed in a
# standard location (a module, a user install).
export PATH="${PROVENANCE_TOOL_PATH:-$HOME/.dotnet/tools}:$PATH"
# seal runs on every core .NET sees; give it the task's CPUs, not the node's (where Slurm does not bind tasks to CPUs).
export DOTNET_PROCESSOR_COUNT="${SLURM_CPUS_PER_TASK:-2}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

cd "${SLURM_SUBMIT_DIR:-.}"
echo "partition ${SLURM_ARRAY_TASK_ID}/${N}, ${DOTNET_PROCESSOR_COUNT} cpus"
# Writes provenance.index/<set-id>.part-I-of-N.tsv for every shard set; provenance.yaml is not touched.
exec provenance seal provenance.yaml --partition "${SLURM_ARRAY_TASK_ID}/${N}"
