#!/usr/bin/env bash
# The JDK's ahead-of-time cache for bin/exo (JEP 483/514): the classes Exo-OS loads and links while it boots,
# recorded once by a training boot and mapped by later JVMs, so a boot skips most class loading and linking.
#
#   tools/aot.sh path    prints the class path (boot's jar first) and the cache file for the current build,
#                        one per line; nothing when the build has no up-to-date boot jar (the cache needs jars)
#   tools/aot.sh train   records the cache for the current build if it is missing: one boot of the userland
#                        with an in-memory console that powers off at the prompt (BootOnce)
#
# The cache is keyed by the class path's files (names, sizes, times), jvm.options and the JDK, so a rebuild
# gets a fresh one; it lives in ${EXO_CACHE:-$HOME/.cache/exo-os}/aot. EXO_AOT=0 turns it off.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cache="${EXO_CACHE:-$HOME/.cache/exo-os}"
[ "${EXO_AOT:-1}" = 0 ] && exit 0
cpfile="$root/boot/target/classpath.txt"
classes="$root/boot/target/classes"
bootjar=$(ls "$root"/boot/target/boot-*.jar 2>/dev/null | head -n 1 || true)
[ -f "$cpfile" ] && [ -n "$bootjar" ] || exit 0
# A jar older than a compiled class is stale (mvn compile without package): no cache then.
[ -z "$(find "$classes" -type f -newer "$bootjar" -print -quit 2>/dev/null)" ] || exit 0
cp="$bootjar:$(cat "$cpfile")"
java_home="$("$here/find-jdk.sh")"
key=$( { printf '%s\n' "$cp" | tr ':' '\n' | xargs -r stat -c '%n %s %Y'; cat "$root/jvm.options" "$java_home/release"; } \
       | sha256sum | cut -c1-16)
aot="$cache/aot/exo-$key.aot"
case "${1:-}" in
  path)
    printf '%s\n%s\n' "$cp" "$aot"
    ;;
  train)
    [ -f "$aot" ] && { echo "$aot"; exit 0; }
    initramfs="$("$here/userland.sh" | tail -n 1)"
    mkdir -p "$cache/aot"
    rm -f "$cache"/aot/exo-*.aot # one build's cache at a time
    echo "aot.sh: training the JVM's AOT cache on one boot (once per build)" >&2
    "$java_home/bin/java" "@$root/jvm.options" "-Dexo.jvm.options=$root/jvm.options" "-XX:AOTCacheOutput=$aot.tmp" \
      -cp "$cp" org.exoos.boot.bench.boot.BootOnce "$initramfs" > "$cache/aot/training.log" 2>&1 \
      || { echo "aot.sh: the training boot failed (see $cache/aot/training.log); bin/exo runs without the cache" >&2
           rm -f "$aot.tmp"; exit 0; }
    mv -f "$aot.tmp" "$aot"
    echo "$aot"
    ;;
  *) echo "usage: tools/aot.sh path|train" >&2; exit 2 ;;
esac
