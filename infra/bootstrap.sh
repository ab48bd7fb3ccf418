#!/usr/bin/env bash
# Installs what the two README commands need, on a fresh Debian machine with Python 3.11+ and
# Node 20: apt packages (pgbouncer, chromium), the Python virtualenv, and npm packages.
# Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || need_apt+=(pgbouncer)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need_apt[*]} from Debian"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

python_bin=""
for candidate in python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python_bin=$candidate
    break
  fi
done
[ -n "$python_bin" ] || { echo "bootstrap: Python 3.11+ is required" >&2; exit 1; }

stamp=.venv/.requirements.sha
wanted=$(cat requirements-dev.txt infra/layer-requirements.txt | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "bootstrap: Python virtualenv"
  [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  echo "$wanted" > "$stamp"
fi

npm_ci() {
  local dir=$1
  local lock_sha
  lock_sha=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$dir/node_modules/.lock.sha" 2>/dev/null)" != "$lock_sha" ]; then
    echo "bootstrap: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sha" > "$dir/node_modules/.lock.sha"
  fi
}
npm_ci .
npm_ci frontend
