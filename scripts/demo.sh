#!/usr/bin/env bash
# The main job on one machine: local Kafka broker, a worker, seeds/ fed in, enriched articles and
# metrics printed, everything stopped again. Extra arguments go to `khabar demo`
# (e.g. --keep-running to keep broker and worker up until Ctrl-C).
source "$(dirname "$0")/bootstrap.sh"
exec khabar demo "$@"
