# Sourced by the bin/ scripts: picks a JDK >= 21 and installs the Debian packages the
# engine needs where they are missing. Prints plainly what it cannot do.

lipsync_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() { # prints the major version of the java binary given, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  local best="" best_major=0 m
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    m="$(java_major "$home/bin/java")"
    [ -n "$m" ] && [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ] && { best="$home"; best_major="$m"; }
  done
  if [ -z "$best" ]; then
    echo "error: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm)." >&2
    echo "       Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Debian packages: the dlib landmark model (required by the engine), sox and espeak-ng
# (used by tests and the benchmark to make speech and shifted voices), and PulseAudio's
# client library, which JavaCV's bundled libavdevice (and so its ffmpeg program) links to.
ensure_system_packages() {
  local missing=()
  [ -f /usr/share/dlib/shape_predictor_68_face_landmarks.dat ] || missing+=(libdlib-data)
  ldconfig -p 2>/dev/null | grep -q 'libpulse\.so\.0' || missing+=(libpulse0)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null \
      || echo "warning: could not install ${missing[*]}; tests that need them will be skipped" >&2
  else
    echo "warning: missing Debian packages: ${missing[*]}." >&2
    echo "         Run: sudo apt-get install ${missing[*]}   (the engine needs libdlib-data)" >&2
  fi
}

mvnw() { "$lipsync_root/mvnw" -B -q "$@"; }
