# Shared by bin/demo and bin/test: make .venv with Python 3.11+ and install a requirements file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python_bin="$candidate"; break
    fi
  done
fi
if [ -z "$python_bin" ]; then
  echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $python_bin"
  "$python_bin" -m venv .venv
fi

install_requirements() {
  # The lock files carry a hash for every package: pip refuses anything else.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$1"
}
