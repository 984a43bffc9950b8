#!/usr/bin/env bash
# Builds one static riscv64 Linux executable from C sources.
#
#   tools/riscv-cc.sh LIBC OUT SRC... [-- CFLAGS...]
#
# LIBC is glibc (riscv64-linux-gnu-gcc -static), musl (musl's specs file, -static) or
# musl-pie (musl, -static-pie -fPIE). The default flags are -O2 -Wall; CFLAGS come after them,
# so they can override. libm is always linked.
#
# Incremental: OUT is left alone when it is newer than every source, this script and
# tools/musl.sh, and was built with the same LIBC and flags (recorded in OUT.cmd).
# The output is written to a temporary file and renamed, so parallel builders never see a
# half-written executable.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { echo "usage: $0 glibc|musl|musl-pie OUT SRC... [-- CFLAGS...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
libc="$1"; out="$2"; shift 2
srcs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do srcs+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
[ ${#srcs[@]} -gt 0 ] || usage

cc=riscv64-linux-gnu-gcc
command -v "$cc" >/dev/null || { echo "riscv-cc.sh: $cc is missing (run make deps)" >&2; exit 1; }

case "$libc" in
  glibc)    mode=(-static) ;;
  musl)     prefix="$("$here/musl.sh")"; mode=(-specs "$prefix/lib/musl-gcc.specs" -static) ;;
  musl-pie) prefix="$("$here/musl.sh")"; mode=(-specs "$prefix/lib/musl-gcc.specs" -static-pie -fPIE) ;;
  *) echo "riscv-cc.sh: unknown libc '$libc' (expected glibc, musl or musl-pie)" >&2; exit 2 ;;
esac

cmd=("$cc" "${mode[@]}" -O2 -Wall "${extra[@]}" -o "$out" "${srcs[@]}" -lm)
recorded="$out.cmd"

up_to_date() {
  [ -f "$out" ] && [ -f "$recorded" ] || return 1
  [ "$(cat "$recorded")" = "${cmd[*]}" ] || return 1
  local f
  # Sources, the headers beside them (#include "x.h"), and the tools that build them.
  for f in "${srcs[@]}" "$here/riscv-cc.sh" "$here/musl.sh"; do
    [ "$f" -nt "$out" ] && return 1
  done
  for f in "${srcs[@]}"; do
    for h in "$(dirname "$f")"/*.h; do
      [ -e "$h" ] && [ "$h" -nt "$out" ] && return 1
    done
  done
  return 0
}
up_to_date && exit 0

mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
"$cc" "${mode[@]}" -O2 -Wall "${extra[@]}" -o "$tmp" "${srcs[@]}" -lm
mv -f "$tmp" "$out"
printf '%s' "${cmd[*]}" > "$recorded"
