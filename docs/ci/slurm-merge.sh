#!/bin/bash
# Merge the shards slurm-grade.sh wrote into the class gradebook (CSV, JSON, JUnit).
# Submit it to run after the whole array succeeded (see slurm-grade.sh):
#   sbatch --dependency=afterok:JOBID --export=ALL,GRADES=grades/JOBID docs/ci/slurm-merge.sh
#SBATCH --job-name=toynn-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:05:00
#SBATCH --output=toynn-merge-%j.out
set -euo pipefail

if [ -n "${TOYNN_VENV:-}" ]; then
  . "$TOYNN_VENV/bin/activate"
fi
: "${GRADES:?set GRADES to the folder the shards wrote, e.g. grades/JOBID}"

toynn grade merge "$GRADES"/shard-*.json \
  --out "$GRADES/class.csv" --out "$GRADES/class.json" --out "$GRADES/class.xml"
