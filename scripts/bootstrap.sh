# Sourced by scripts/demo.sh and scripts/test.sh: make sure this machine has what khabar needs.
# Python 3.11 (a .venv in the checkout), Rust's cargo (to build native/, the hot paths),
# Java 17+ and Maven (for the local Kafka broker's jars).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# rustup installs cargo in ~/.cargo/bin, which a non-login shell may not have on its PATH.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "khabar builds its native module (native/) with Rust: install a Rust toolchain (https://rustup.rs, 1.80 or later) and run again" >&2
  exit 1
fi

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# The tests check the alert rules with promtool (Debian's prometheus package brings it).
if [ "${KHABAR_NEED_PROMTOOL:-0}" = 1 ]; then
  command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
fi
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need_apt[*]} with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "khabar needs ${need_apt[*]}: install them (Java 17+, Maven 3.8+, promtool for the tests) and run again" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "khabar needs Python 3.11 (found $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the dependencies or the native sources changed. The native module first:
# the package depends on it, and it is not on PyPI (pip builds it with maturin and cargo).
stamp=.venv/.khabar-installed
want=$(cat pyproject.toml native/pyproject.toml native/Cargo.toml native/Cargo.lock native/src/*.rs | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check ./native
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
  echo "$want" > "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
