# Sourced (POSIX sh) by ./mvnw, ./rnn4j and bench/peers: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME if it is >= 25, then the Temurin 25 install path of this machine kind, then any
# /usr/lib/jvm/*25* or newer; otherwise stop with a clear message.
rnn4j_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
rnn4j_find_jdk() {
  for candidate in "${JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(rnn4j_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}
if rnn4j_jdk=$(rnn4j_find_jdk); then
  JAVA_HOME=$rnn4j_jdk
  export JAVA_HOME
else
  echo "rnn4j: no JDK 25 or newer found. Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/temurin-25-jdk-amd64 and /usr/lib/jvm/*." >&2
  echo "rnn4j: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 2
fi
