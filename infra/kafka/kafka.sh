#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft: broker and controller in one JVM) for development and CI, run
# from the jars on Maven Central, without Docker:
#   kafka.sh start [DIR]            -> formats DIR (once), starts the broker in the background, waits until it
#                                      answers, and prints its bootstrap address (127.0.0.1:9092) as its
#                                      only line on stdout; if it already runs from DIR, only prints that
#   kafka.sh stop [DIR] [--purge]   -> stops it (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT s);
#                                      --purge also removes DIR
#   kafka.sh status [DIR]           -> says whether it runs and answers (exit 0), or not (exit 3)
#   kafka.sh classpath              -> prints the classpath of the broker and Kafka's tools, e.g. for
#                                      java -cp "$(kafka.sh classpath)" org.apache.kafka.tools.TopicCommand \
#                                        --bootstrap-server 127.0.0.1:9092 --list
# DIR defaults to ${TMPDIR:-/tmp}/sales-ops-kafka. Ports: KAFKA_PORT (9092) and KAFKA_CONTROLLER_PORT
# (KAFKA_PORT + 1). The broker's logs are in DIR/logs (server.log: warnings and errors; stdout.log: the JVM).
#
# The jars come from infra/kafka/pom.xml through Maven; their classpath is kept in infra/kafka/target (or
# KAFKA_CACHE_DIR) and asked again only when pom.xml changes. So are class data sharing archives of the JVM
# (made the first time, when the JVM exits), which roughly halve the time to start; KAFKA_CDS=0 turns them
# off. KAFKA_HEAP_OPTS and KAFKA_JVM_OPTS replace or add to the broker's JVM options.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${KAFKA_CACHE_DIR:-$HERE/target}
START_TIMEOUT=${KAFKA_START_TIMEOUT:-60}
STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
# C1 only: the broker is up in about half the time, and throughput at test sizes is no worse (measured).
BROKER_JVM_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true ${KAFKA_JVM_OPTS:-}"
TOOL_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true"

die() { echo "kafka.sh: $*" >&2; exit 1; }

# ---- Java and the classpath -----------------------------------------------------------------------------

java_bin() {
  local java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"
  else java=$(command -v java) || die "no java: install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
  fi
  # Kafka 4 needs Java 17. Read the JDK's release file rather than starting a JVM to ask.
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$java")")")
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  if [ -n "$version" ] && [ "$version" -lt 17 ]; then
    die "$java is Java $version; the Kafka broker needs Java 17 or newer (set JAVA_HOME)"
  fi
  echo "$java"
}

# The broker's classpath, from the cache when pom.xml has not changed and every jar is still there.
classpath() {
  local pom="$HERE/pom.xml" file="$CACHE/classpath.txt" key cp
  key=$(sha256sum "$pom" | cut -c1-16)
  if [ -f "$file" ] && [ "$(cat "$CACHE/classpath.key" 2>/dev/null)" = "$key" ]; then
    cp=$(cat "$file")
    if all_jars_exist "$cp"; then echo "$cp"; return; fi
  fi
  command -v mvn >/dev/null 2>&1 || die "no mvn: install Maven (apt-get install maven) to fetch the Kafka jars"
  mkdir -p "$CACHE"
  local tmp="$file.$$" log="$CACHE/mvn.log"
  # Offline first: after the first time, every jar and the plugin are in the local Maven repository.
  if ! mvn -o -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$tmp" >"$log" 2>&1; then
    echo "kafka.sh: fetching the Kafka jars with Maven (once)" >&2
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$tmp" >"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; rm -f "$tmp"; die "Maven could not resolve $pom (log: $log)"; }
  fi
  mv "$tmp" "$file"
  echo "$key" >"$CACHE/classpath.key"
  cat "$file"
}

all_jars_exist() {
  local jar jars
  IFS=: read -r -a jars <<<"$1"
  for jar in "${jars[@]}"; do [ -f "$jar" ] || return 1; done
}

# JVM options for class data sharing (CDS): start with the archive NAME when there is one, else make it
# when the JVM exits, into a temporary file that finish_cds checks and moves into place. One archive per
# JDK and classpath.
cds_opts() {
  local name=$1 java=$2 cp=$3 pending=$4 key archive
  [ "${KAFKA_CDS:-1}" != 0 ] || return 0
  key=$( { readlink -f "$java"; echo "$cp"; } | sha256sum | cut -c1-16)
  archive="$CACHE/cds/$name-$key.jsa"
  mkdir -p "$CACHE/cds"
  # Left by JVMs that were killed before they could make theirs.
  find "$CACHE/cds" -name '*.tmp' -mmin +60 -delete 2>/dev/null || true
  if [ -s "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off"
  else
    printf '%s\n%s\n%s\n' "$archive.$$.tmp" "$java" "$cp" >"$pending"
    echo "-XX:ArchiveClassesAtExit=$archive.$$.tmp -Xlog:cds=off"
  fi
}

# After a JVM that was making an archive has exited: keep the archive only if a JVM starts with it (a dump
# cut short would crash every JVM that maps it), unless told not to keep it (the broker had to be killed).
# Also drop an archive that a JVM could not use (another JDK, changed jars), to be made anew next time.
finish_cds() {
  local pending=$1 output=$2 keep=${3:-true} tmp java cp
  if [ -f "$pending" ]; then
    { read -r tmp; read -r java; read -r cp; } <"$pending"
    if $keep && [ -s "$tmp" ] && ( "$java" -Xshare:on -XX:SharedArchiveFile="$tmp" \
        -XX:ErrorFile="$(dirname "$pending")/logs/hs_err_%p.log" -cp "$cp" -version ) >/dev/null 2>&1; then
      mv -f "$tmp" "${tmp%.*.tmp}"
    else
      rm -f "$tmp"
    fi
    rm -f "$pending"
  fi
  if [ -f "$output" ] && grep -q 'Unable to use shared archive' "$output" 2>/dev/null; then
    sed -n 's/.*Unable to use shared archive.*: \(\/.*\.jsa\)$/\1/p' "$output" | xargs -r rm -f
  fi
}

# ---- the broker -------------------------------------------------------------------------------------------

data_dir() { realpath -m "${1:-${TMPDIR:-/tmp}/sales-ops-kafka}"; }

# Whether a Kafka broker answers on 127.0.0.1:PORT: an ApiVersions (v2) request must get error code 0.
answers() {
  local port=$1
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 1 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    # size 14 | api key 18 (ApiVersions) | version 2 | correlation id 1 | client id "ping"
    printf "\x00\x00\x00\x0e\x00\x12\x00\x02\x00\x00\x00\x01\x00\x04ping" >&3
    reply=$(head -c 10 <&3 | od -An -tx1 | tr -d " \n")
    # size (4 bytes) | correlation id 1 | error code 0
    [ "${reply:8:12}" = "000000010000" ]' "$port" 2>/dev/null
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether the process PID is alive: not gone, and not a zombie (the broker outlives this script, so it is
# not this shell's child to reap, and a zombie's reaping by init can take seconds).
alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# The pid of the broker started from DIR, when it still runs.
running_pid() {
  local dir=$1 pid
  pid=$(cat "$dir/kafka.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && alive "$pid" || return 1
  # The pid may have been reused by another process since: it must be this directory's broker.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $dir/server.properties" || return 1
  echo "$pid"
}

show_logs() {
  local dir=$1 f
  for f in "$dir/logs/stdout.log" "$dir/logs/server.log"; do
    if [ -s "$f" ]; then echo "--- $f (last lines)" >&2; tail -n 40 "$f" >&2; fi
  done
}

# The first error the broker logged since line MARK of server.log, or else the JVM's last word.
cause() {
  local dir=$1 mark=$2 line
  # The error line and, when a stack trace follows it, the exception's own line.
  line=$(tail -n +"$((mark + 1))" "$dir/logs/server.log" 2>/dev/null \
    | awk '/^\[[^]]*\] (ERROR|FATAL) / && !n { n = 1; printf "%s", $0; next } n == 1 { if ($0 !~ /^(\[|\t)/) printf " %s", $0; exit }')
  if [ -z "$line" ] && grep -q 'A fatal error has been detected' "$dir/logs/stdout.log" 2>/dev/null; then
    line="the JVM crashed: $(grep -m 1 -E '^#  [A-Z]+ ' "$dir/logs/stdout.log" | sed 's/^#  //')"
  fi
  [ -n "$line" ] || line=$(grep -v '^[[:space:]]*$' "$dir/logs/stdout.log" 2>/dev/null | tail -n 1 || true)
  echo "${line:0:300}"
}

# Waits until the broker answers; if it exits or does not answer in time, says why on one line (the line
# test/support/kafka-server.ts reports), then shows the logs.
wait_until_answers() {
  local dir=$1 pid=$2 port=$3 mark=${4:-0} deadline=$((SECONDS + START_TIMEOUT)) why
  while [ $SECONDS -lt $deadline ]; do
    if answers "$port"; then return 0; fi
    if ! alive "$pid"; then
      why=$(cause "$dir" "$mark")
      echo "kafka.sh: the broker exited while starting${why:+: $why} (logs in $dir/logs)" >&2
      show_logs "$dir"
      return 1
    fi
    sleep 0.1
  done
  why=$(cause "$dir" "$mark")
  echo "kafka.sh: the broker did not answer on 127.0.0.1:$port within ${START_TIMEOUT}s${why:+: $why} (logs in $dir/logs)" >&2
  show_logs "$dir"
  return 1
}

start() {
  local dir port cport pid
  dir=$(data_dir "${1:-}")

  if pid=$(running_pid "$dir"); then
    port=$(cut -d: -f2 "$dir/address")
    wait_until_answers "$dir" "$pid" "$port" || exit 1
    cat "$dir/address"
    return
  fi

  port=${KAFKA_PORT:-9092}
  cport=${KAFKA_CONTROLLER_PORT:-$((port + 1))}
  for p in "$port" "$cport"; do
    port_taken "$p" && die "port $p on 127.0.0.1 is taken (by another broker?): set KAFKA_PORT and KAFKA_CONTROLLER_PORT to free ones"
  done

  local java cp
  java=$(java_bin)
  cp=$(classpath)
  mkdir -p "$dir/logs"
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@DATA_DIR@#$dir#g" \
    "$HERE/server.properties" >"$dir/server.properties"
  # Crash reports of the JVM (hs_err) too go to the logs, not to the caller's working directory.
  local log_opts=(-Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.logs.dir="$dir/logs"
    -XX:ErrorFile="$dir/logs/hs_err_%p.log")

  if [ ! -f "$dir/log/meta.properties" ]; then
    # A cluster id as StorageTool random-uuid makes one (16 random bytes, URL-safe base64, not starting
    # with "-"), without starting a JVM for it.
    local id
    while :; do
      id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
      [ "${id:0:1}" != - ] && break
    done
    local opts
    opts=$(cds_opts tools "$java" "$cp" "$dir/cds-tools.pending")
    # shellcheck disable=SC2086
    if ! "$java" $TOOL_JVM_OPTS $opts "${log_opts[@]}" -cp "$cp" kafka.tools.StorageTool format \
      --cluster-id "$id" --config "$dir/server.properties" >"$dir/logs/format.log" 2>&1; then
      finish_cds "$dir/cds-tools.pending" "$dir/logs/format.log"
      tail -n 40 "$dir/logs/format.log" >&2
      die "could not format $dir/log (log: $dir/logs/format.log)"
    fi
    finish_cds "$dir/cds-tools.pending" "$dir/logs/format.log"
  fi

  local broker_opts
  broker_opts="$HEAP_OPTS $BROKER_JVM_OPTS $(cds_opts broker "$java" "$cp" "$dir/cds-broker.pending")"
  rm -f "$dir/kafka.pid"
  echo "127.0.0.1:$port" >"$dir/address"
  local mark
  mark=$(wc -l <"$dir/logs/server.log" 2>/dev/null || echo 0)
  # In a session of its own, with no terminal or pipe of the caller's: it outlives this script, and a caller
  # that reads this script's output (execFileSync) is not kept waiting for it.
  # shellcheck disable=SC2086,SC2016 # word splitting of the options wanted; $$ is the inner bash's
  setsid bash -c 'echo $$ >"$0/kafka.pid"; exec "$@"' "$dir" \
    "$java" $broker_opts "${log_opts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 &
  local launcher=$!
  # Not this shell's job any more: no "Aborted" notice of its own if the JVM crashes.
  disown "$launcher" 2>/dev/null || true
  for _ in $(seq 1 50); do [ -s "$dir/kafka.pid" ] && break; sleep 0.02; done
  pid=$(cat "$dir/kafka.pid" 2>/dev/null || echo "$launcher")

  if ! wait_until_answers "$dir" "$pid" "$port" "$mark"; then
    kill -9 "$pid" 2>/dev/null || true
    finish_cds "$dir/cds-broker.pending" "$dir/logs/stdout.log" false
    # A JVM that crashed while starting with an archive: do without it next time (it is made anew).
    if grep -q 'A fatal error has been detected' "$dir/logs/stdout.log" 2>/dev/null \
      && [[ $broker_opts =~ SharedArchiveFile=([^ ]+) ]]; then
      rm -f "${BASH_REMATCH[1]}"
    fi
    exit 1
  fi
  finish_cds /dev/null "$dir/logs/stdout.log"
  cat "$dir/address"
}

stop() {
  local dir="" purge=false keep_cds=true arg pid
  for arg in "$@"; do
    case "$arg" in
      --purge) purge=true ;;
      *) dir=$arg ;;
    esac
  done
  dir=$(data_dir "$dir")
  [ -d "$dir" ] || return 0
  if pid=$(running_pid "$dir"); then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
    if alive "$pid"; then
      echo "kafka.sh: the broker did not stop within ${STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      while alive "$pid"; do sleep 0.05; done
      keep_cds=false
    fi
    echo "stopped the broker of $dir" >&2
  fi
  rm -f "$dir/kafka.pid"
  finish_cds "$dir/cds-broker.pending" /dev/null "$keep_cds"
  if $purge; then
    # Only a directory this script made (or an empty one).
    if [ -f "$dir/server.properties" ] || [ -z "$(ls -A "$dir")" ]; then rm -rf "$dir"
    else die "not removing $dir: it does not look like a data dir of kafka.sh"
    fi
  fi
}

status() {
  local dir pid port
  dir=$(data_dir "${1:-}")
  if ! pid=$(running_pid "$dir"); then
    echo "not running (data dir $dir)"
    exit 3
  fi
  port=$(cut -d: -f2 "$dir/address")
  if answers "$port"; then
    echo "running (pid $pid) and answering on $(cat "$dir/address") (data dir $dir)"
  else
    echo "running (pid $pid) but not answering on $(cat "$dir/address") yet (data dir $dir)"
    exit 1
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  status) status "$@" ;;
  classpath) classpath ;;
  *) echo "usage: $0 start [DIR] | stop [DIR] [--purge] | status [DIR] | classpath" >&2; exit 2 ;;
esac
