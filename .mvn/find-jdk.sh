# Sourced by ./kefu and ./mvnw (POSIX sh). Finds a JDK >= 21 and exports JAVA_HOME and PATH for it,
# so neither the user nor CI has to set JAVA_HOME on a machine whose default java is older.
kefu_java_major() {
  # $1: a JDK home. Prints its major version, or nothing.
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  else
    v=
  fi
  case "$v" in
    1.*) echo 1 ;;
    "") ;;
    *) echo "$v" | sed 's/[^0-9].*//' ;;
  esac
}

kefu_find_jdk() {
  kefu_need=21
  kefu_noglob=0
  case $- in *f*) kefu_noglob=1 ;; esac
  set +f
  kefu_search && rc=0 || rc=1
  [ "$kefu_noglob" = 1 ] && set -f
  return $rc
}

kefu_search() {
  for home in "${JAVA_HOME-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent/bin/javac)" 2>/dev/null)")" 2>/dev/null)"; do
    if [ -n "$home" ] && [ -x "$home/bin/javac" ]; then
      m=$(kefu_java_major "$home")
      if [ -n "$m" ] && [ "$m" -ge "$kefu_need" ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
    fi
  done
  best=; best_major=0
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    m=$(kefu_java_major "$home")
    [ -n "$m" ] || continue
    if [ "$m" -ge "$kefu_need" ] && [ "$m" -gt "$best_major" ]; then best=$home; best_major=$m; fi
  done
  if [ -n "$best" ]; then
    JAVA_HOME=$best; export JAVA_HOME; PATH="$JAVA_HOME/bin:$PATH"; export PATH; return 0
  fi
  echo "Kefu needs a JDK 21 or newer and found none: install one (for example 'apt install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
