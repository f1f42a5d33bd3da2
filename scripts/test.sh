#!/usr/bin/env bash
# Every test: unit, agent and integration tiers. The integration tier starts its own real Kafka
# broker (from Maven jars), so nothing has to run beforehand and nothing skips.
# Extra arguments go to pytest (e.g. -m slow for the soak tests, -k NAME, -x).
KHABAR_NEED_PROMTOOL=1 source "$(dirname "$0")/bootstrap.sh"
# The native module's own unit tests first (its behaviour is tested through Python in tests/).
cargo test --quiet --release --manifest-path native/Cargo.toml >&2
exec python -m pytest "$@"
