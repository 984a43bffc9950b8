#!/usr/bin/env bash
# Cross-builds musl for riscv64 from Debian's `musl` source package, into a cache outside the repo.
# Sources come from the machine's own apt configuration (its deb lines turned into deb-src lines),
# through a private apt state: the system's apt lists and sources are never touched.
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
command -v dpkg-source >/dev/null || { echo "musl.sh: dpkg-source is missing (run make deps: package dpkg-dev)" >&2; exit 1; }

apt_state="$cache/apt-src"
mkdir -p "$apt_state/lists/partial" "$apt_state/sources" "$cache/src"
# Turn every deb entry of the machine's apt configuration into a deb-src entry.
: > "$apt_state/sources/exo-src.sources"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sed -E 's/^Types:.*/Types: deb-src/' "$f" >> "$apt_state/sources/exo-src.sources" && echo >> "$apt_state/sources/exo-src.sources"
done
: > "$apt_state/sources/exo-src.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && grep -E '^deb ' "$f" | sed -E 's/^deb /deb-src /' >> "$apt_state/sources/exo-src.list" || true
done
apt_opts=(-o "Dir::State::Lists=$apt_state/lists" -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_state/sources"
          -o "APT::Sandbox::User=root")
echo "musl.sh: fetching Debian's musl source package" >&2
apt-get -q "${apt_opts[@]}" update >&2 || { echo "musl.sh: apt-get update of the private source index failed" >&2; exit 1; }
cd "$cache/src"
apt-get -q "${apt_opts[@]}" source --download-only musl >&2 || { echo "musl.sh: cannot download the musl source package" >&2; exit 1; }
dsc=$(ls -1 musl_*.dsc | sort -V | tail -n 1)
ver=${dsc#musl_}; ver=${ver%.dsc}; ver=${ver%-*}
rm -rf "musl-$ver"
# Unpack with Debian's patches applied.
dpkg-source --no-check -x "$dsc" "musl-$ver" >&2
cd "musl-$ver"
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
