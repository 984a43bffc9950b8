#!/usr/bin/env bash
# Downloads a Debian source package and unpacks it with Debian's patches applied.
#
#   tools/debian-source.sh PKG DESTDIR
#
# The source files (.dsc and tarballs) go to DESTDIR, the tree to DESTDIR/PKG-VERSION (VERSION is
# the upstream version), whose path is printed on stdout. The tree is unpacked afresh on each call.
# Sources come from the machine's own apt configuration (its deb lines turned into deb-src lines),
# through a private apt state in the cache: the system's apt lists and sources are never touched.
# Files already downloaded to DESTDIR are reused, so a rebuild needs no network.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 PKG DESTDIR" >&2; exit 2; }
pkg="$1"; dest="$2"
cache="${EXO_CACHE:-$HOME/.cache/exo-os}"
command -v dpkg-source >/dev/null || { echo "debian-source.sh: dpkg-source is missing (run make deps: package dpkg-dev)" >&2; exit 1; }
mkdir -p "$cache" "$dest"
dest="$(cd "$dest" && pwd)"

newest_dsc() { (cd "$dest" && ls -1 "${pkg}"_*.dsc 2>/dev/null | sort -V | tail -n 1); }

fetch() {
  # The private apt state is shared by every package: one fetch at a time.
  exec 8>"$cache/.apt-src.lock"
  flock 8
  local apt_state="$cache/apt-src"
  mkdir -p "$apt_state/lists/partial" "$apt_state/sources"
  # Turn every deb entry of the machine's apt configuration into a deb-src entry.
  : > "$apt_state/sources/exo-src.sources"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed -E 's/^Types:.*/Types: deb-src/' "$f" >> "$apt_state/sources/exo-src.sources" && echo >> "$apt_state/sources/exo-src.sources"
  done
  : > "$apt_state/sources/exo-src.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -E '^deb ' "$f" | sed -E 's/^deb /deb-src /' >> "$apt_state/sources/exo-src.list" || true
  done
  local apt_opts=(-o "Dir::State::Lists=$apt_state/lists" -o "Dir::Etc::SourceList=/dev/null"
                  -o "Dir::Etc::SourceParts=$apt_state/sources" -o "APT::Sandbox::User=root")
  echo "debian-source.sh: fetching Debian's $pkg source package" >&2
  apt-get -q "${apt_opts[@]}" update >&2 || { echo "debian-source.sh: apt-get update of the private source index failed" >&2; exit 1; }
  (cd "$dest" && apt-get -q "${apt_opts[@]}" source --download-only "$pkg" >&2) \
    || { echo "debian-source.sh: cannot download the $pkg source package" >&2; exit 1; }
  flock -u 8
}

# Unpacks the newest .dsc in DESTDIR into DESTDIR/PKG-VERSION; fails if its files are incomplete.
unpack() {
  local dsc ver log
  dsc="$(newest_dsc)"
  [ -n "$dsc" ] || return 1
  ver=${dsc#"${pkg}"_}; ver=${ver%.dsc}; ver=${ver%-*}
  rm -rf "${dest:?}/$pkg-$ver"
  # dpkg-source's line per patch is shown only when it fails.
  log="$(cd "$dest" && dpkg-source --no-check -x "$dsc" "$pkg-$ver" 2>&1)" \
    || { echo "$log" >&2; rm -rf "${dest:?}/$pkg-$ver"; return 1; }
  echo "debian-source.sh: unpacked ${dsc%.dsc} ($(grep -c 'applying' <<<"$log") Debian patches applied)" >&2
  echo "$dest/$pkg-$ver"
}

if [ -n "$(newest_dsc)" ] && unpack; then exit 0; fi
fetch
unpack || { echo "debian-source.sh: cannot unpack the $pkg source package" >&2; exit 1; }
