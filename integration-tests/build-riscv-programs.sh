#!/usr/bin/env bash
# Builds every C program in SRC_DIR for each libc into OUT_DIR/<libc>/<name>, in parallel, and the Exo-only
# programs of SRC_DIR/exo (those that cannot run under qemu-riscv64: mount, the tty server) into OUT_DIR/<libc>/exo/<name>.
# Incremental through tools/riscv-cc.sh: unchanged programs are not rebuilt.
#
#   build-riscv-programs.sh SRC_DIR OUT_DIR [LIBC...]      (default: glibc musl musl-pie)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="$here/../tools/riscv-cc.sh"
[ $# -ge 2 ] || { echo "usage: $0 SRC_DIR OUT_DIR [LIBC...]" >&2; exit 2; }
src="$1"; out="$2"; shift 2
libcs=("$@")
[ ${#libcs[@]} -gt 0 ] || libcs=(glibc musl musl-pie)

# Build musl (once, ahead of the parallel compiles, which would otherwise race to build it).
for libc in "${libcs[@]}"; do
  case "$libc" in musl*) "$here/../tools/musl.sh" >/dev/null; break ;; esac
done

jobs=()
for c in "$src"/*.c "$src"/exo/*.c; do
  [ -e "$c" ] || continue
  name="$(basename "$c" .c)"
  case "$c" in "$src"/exo/*) name="exo/$name" ;; esac
  for libc in "${libcs[@]}"; do jobs+=("$libc" "$out/$libc/$name" "$c"); done
done
[ ${#jobs[@]} -gt 0 ] || { echo "build-riscv-programs.sh: no C programs in $src" >&2; exit 1; }
printf '%s\0' "${jobs[@]}" |
  xargs -0 -n 3 -P "$(nproc)" sh -c 'exec "$0" "$1" "$2" "$3" -- -Werror' "$cc"
