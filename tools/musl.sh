#!/usr/bin/env bash
# Cross-builds musl for riscv64 from Debian's `musl` source package, into a cache outside the repo.
# The source package is fetched and unpacked by tools/debian-source.sh (a private apt state: the
# system's apt lists and sources are never touched).
# Prints the install prefix on stdout; idempotent.
set -euo pipefail
cache="${EXO_CACHE:-$HOME/.cache/exo-os}"
prefix="$cache/musl-riscv64"
done_() { [ -f "$prefix/lib/libc.a" ] && [ -f "$prefix/lib/musl-gcc.specs" ]; }
if done_; then echo "$prefix"; exit 0; fi
# One build at a time (parallel test forks may ask together); the loser finds it done.
mkdir -p "$cache"
exec 9>"$cache/.musl.lock"
flock 9
if done_; then echo "$prefix"; exit 0; fi
command -v riscv64-linux-gnu-gcc >/dev/null || { echo "musl.sh: riscv64-linux-gnu-gcc is missing (run make deps)" >&2; exit 1; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Unpacked afresh with Debian's patches, so an interrupted build never leaves a half-built tree behind.
src="$("$here/debian-source.sh" musl "$cache/src")"
ver=${src##*/musl-}
cd "$src"
echo "musl.sh: building musl $ver for riscv64" >&2
CROSS_COMPILE=riscv64-linux-gnu- CC=riscv64-linux-gnu-gcc ./configure --target=riscv64-linux-gnu \
  --prefix="$prefix" --disable-shared --disable-wrapper CFLAGS="-O2 -g0" >&2
make -j"$(nproc)" >&2
make install >&2
# A newer gcc's debug relocations crash older ld: strip debug info from the archives.
riscv64-linux-gnu-strip -g "$prefix"/lib/*.a "$prefix"/lib/*.o 2>/dev/null || true
# The specs file that points the cross gcc at musl's headers, crt files and libc.
gccinc=$(dirname "$(riscv64-linux-gnu-gcc -print-libgcc-file-name)")
cat > "$prefix/lib/musl-gcc.specs" <<SPECS
%rename cpp_options old_cpp_options

*cpp_options:
-nostdinc -isystem $prefix/include -isystem $gccinc/include %(old_cpp_options)

*cc1:
%(cc1_cpu) -nostdinc -isystem $prefix/include -isystem $gccinc/include

*link_libgcc:
-L$prefix/lib -L .%s

*libgcc:
libgcc.a%s %:if-exists(libgcc_eh.a%s)

*startfile:
%{!shared: %{static-pie:$prefix/lib/rcrt1.o} %{!static-pie:%{pie:$prefix/lib/Scrt1.o} %{!pie:$prefix/lib/crt1.o}}} $prefix/lib/crti.o crtbeginS.o%s

*endfile:
crtendS.o%s $prefix/lib/crtn.o

*link:
%{static-pie:-no-dynamic-linker -pie -static} %{!static-pie:-dynamic-linker /lib/ld-musl-riscv64.so.1} -nostdlib %{shared:-shared} %{static:-static} %{rdynamic:-export-dynamic}

*esp_link:


*esp_options:


*esp_cpp_options:


SPECS
echo "$prefix"
