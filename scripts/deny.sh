#!/usr/bin/env bash
# cargo-deny: licences, bans and sources always; advisories when the RustSec
# database can be fetched (it is a git clone from GitHub) or is already on
# disk.
#
#   DENY_ADVISORIES=auto (default)  check advisories if the database is
#                                   reachable or cached; else warn and skip
#   DENY_ADVISORIES=1               advisories are required: no database fails
#   DENY_ADVISORIES=0               skip advisories
#
# Installs cargo-deny (`cargo install --locked cargo-deny`) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deny --version >/dev/null 2>&1; then
  echo "deny.sh: installing cargo-deny" >&2
  cargo install --locked cargo-deny
fi

cargo deny --version
cargo deny check licenses bans sources

mode="${DENY_ADVISORIES:-auto}"
if [ "$mode" = "0" ]; then
  echo "deny.sh: advisories skipped (DENY_ADVISORIES=0)"
  exit 0
fi
if cargo deny fetch db >/dev/null 2>&1; then
  echo "deny.sh: advisory database fetched"
elif compgen -G "${CARGO_HOME:-$HOME/.cargo}/advisory-db/*/.git" >/dev/null 2>&1 \
  || compgen -G "${CARGO_HOME:-$HOME/.cargo}/advisory-db/*/crates" >/dev/null 2>&1; then
  echo "deny.sh: cannot fetch the advisory database; using the cached copy" >&2
else
  if [ "$mode" = "1" ]; then
    echo "deny.sh: error: advisory database unreachable (no network to github.com) and not cached" >&2
    exit 1
  fi
  echo "deny.sh: WARNING: advisories NOT checked: the RustSec database needs network access to github.com" >&2
  exit 0
fi
cargo deny check --disable-fetch advisories
