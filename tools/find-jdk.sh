#!/usr/bin/env bash
# Prints the home of a JDK 25: $JAVA_HOME if it is one, else the first /usr/lib/jvm/*25*. Fails with one line.
set -u
is25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -Eq '"25([.-]|")'; }
if [ -n "${JAVA_HOME:-}" ] && is25 "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for d in /usr/lib/jvm/*25*; do
  if [ -d "$d" ] && is25 "$d"; then echo "$d"; exit 0; fi
done
echo "exo: no JDK 25 found (set JAVA_HOME to a JDK 25, or install one under /usr/lib/jvm)" >&2
exit 1
