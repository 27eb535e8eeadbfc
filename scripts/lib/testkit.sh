# Sourced by the scripts that run the testkit's launchers (the demo, the dev stack): they run from the testkit's jar
# and its runtime dependencies, and the demo's worker from its runnable jar, both built with `mvn package` and no
# tests. Needs ROOT (the repo root) and say().
#
#   build_testkit          sets TESTKIT_CLASSPATH
#   build_testkit worker   also sets WORKER_JAR (worker/target/groupsync-worker-<version>-all.jar)

TESTKIT="$ROOT/worker/testkit"
# Written by the testkit's own build (its pom's launch-classpath execution), in the package phase.
LAUNCH_CP_FILE="$TESTKIT/target/launch.classpath"

# Whether FILE is missing, or a file under any of the other paths is newer than it.
stale() {
  local file="$1"
  shift
  [[ ! -f "$file" ]] || [[ -n "$(find "$@" -newer "$file" -print -quit 2>/dev/null)" ]]
}

# The newest of the files given (an unmatched glob gives its own pattern, which is no file), or nothing.
newest() {
  local file newest=""
  for file in "$@"; do
    if [[ -f "$file" && (-z "$newest" || "$file" -nt "$newest") ]]; then
      newest="$file"
    fi
  done
  echo "$newest"
}

build_testkit() {
  local with_worker="${1:-}" modules=() jar
  local common=("$ROOT/pom.xml" "$ROOT/schemas/pom.xml" "$ROOT/schemas/src/main")
  if stale "$LAUNCH_CP_FILE" "${common[@]}" "$TESTKIT/pom.xml" "$TESTKIT/src/main"; then
    modules+=(worker/testkit)
  fi
  if [[ "$with_worker" == worker ]]; then
    jar="$(newest "$ROOT"/worker/target/groupsync-worker-*-all.jar)"
    if stale "${jar:-/nonexistent}" "${common[@]}" "$ROOT/worker/pom.xml" "$ROOT/worker/src/main"; then
      modules+=(worker)
    fi
  fi
  if ((${#modules[@]} > 0)); then
    local list
    list="$(IFS=,; echo "${modules[*]}")"
    say "building $list (mvn -q package, no tests; the first time downloads dependencies)"
    # One reactor run so groupsync-schemas resolves to this checkout's jar, not a stale copy in ~/.m2.
    # jansi.noreset: Maven 3.8's console library otherwise prints a stray colour-reset code even in batch mode.
    MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -ntp -q -f "$ROOT/pom.xml" -pl "$list" -am \
      package -Dmaven.test.skip=true >&2
    # Maven may leave an up-to-date file as it was; its age must say that this build checked it.
    touch "$LAUNCH_CP_FILE"
    if [[ " ${modules[*]} " == *" worker "* ]]; then
      touch "$(newest "$ROOT"/worker/target/groupsync-worker-*-all.jar)"
    fi
  fi
  TESTKIT_CLASSPATH="$(newest "$TESTKIT"/target/groupsync-testkit-*.jar):$(cat "$LAUNCH_CP_FILE")"
  if [[ "$with_worker" == worker ]]; then
    WORKER_JAR="$(newest "$ROOT"/worker/target/groupsync-worker-*-all.jar)"
  fi
}
