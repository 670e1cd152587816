#!/bin/bash
# Grade a class with toynn as a Slurm job array: array task I of N grades shard I of N.
#
#   jid=$(sbatch --parsable docs/ci/slurm-grade.sh)
#   sbatch --dependency=afterok:${jid%%;*} --export=ALL,GRADES=grades/${jid%%;*} docs/ci/slurm-merge.sh
#
# Settings come from the environment sbatch passes on (EXERCISE=exercise2 sbatch ...):
#   EXERCISE     the exercise the submissions answer        [exercise3]
#   SUBMISSIONS  the folder of submissions (one per student) [submissions]
#   GRADES       where the shards' gradebooks go             [grades/ARRAY_JOB_ID]
#   TOYNN_VENV   a virtual environment with toynn, activated first (else toynn on PATH)
# Arguments after the script go to `toynn grade` (e.g. --timeout 10).
# The number of shards is the array's size: change --array below, nothing else.
# --array=0-3 works as well as 1-4: toynn counts from SLURM_ARRAY_TASK_MIN.
#SBATCH --job-name=toynn-grade
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=00:30:00
#SBATCH --output=toynn-grade-%A_%a.out
set -euo pipefail

if [ -n "${TOYNN_VENV:-}" ]; then
  . "$TOYNN_VENV/bin/activate"
fi
EXERCISE="${EXERCISE:-exercise3}"
SUBMISSIONS="${SUBMISSIONS:-submissions}"
GRADES="${GRADES:-grades/$SLURM_ARRAY_JOB_ID}"
mkdir -p "$GRADES"

# --resume: a task requeued after a node failure or a kill carries on from its journal
# (a fresh start simply grades everyone in the shard).
toynn grade "$SUBMISSIONS" --exercise "$EXERCISE" --shard auto --jobs "${SLURM_CPUS_PER_TASK:-1}" \
  --resume --out "$GRADES/shard-$SLURM_ARRAY_TASK_ID.json" "$@"
