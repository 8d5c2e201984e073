# Sourced by the bench scripts that run one vazao worker beside RabbitMQ PerfTest: builds the
# functions jar when missing and resolves PerfTest's classpath from Maven Central once.
# Expects OUT and PERFTEST_VERSION set, log() defined, and the caller in the repository root.
# Sets JAR, PERFTEST_CP and BODY (one order of the seed's shape, the same for every message) and
# defines perftest().
JAR=functions/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ]; then
  log "building the worker"
  ./mvnw -B -q -pl functions -am package -DskipTests
fi
CP_FILE=$OUT/perftest-$PERFTEST_VERSION.classpath
if [ ! -s "$CP_FILE" ]; then
  log "resolving com.rabbitmq:perf-test:$PERFTEST_VERSION"
  mkdir -p "$OUT/perftest"
  cat > "$OUT/perftest/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.vazao.bench</groupId>
  <artifactId>perftest-classpath</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.rabbitmq</groupId>
      <artifactId>perf-test</artifactId>
      <version>$PERFTEST_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  ./mvnw -B -q -f "$OUT/perftest/pom.xml" dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" >&2
fi
PERFTEST_CP=$(cat "$CP_FILE")
perftest() { java -cp "$PERFTEST_CP" com.rabbitmq.perf.PerfTest "$@"; }

BODY=$OUT/order.json
cat > "$BODY" <<'JSON'
{"id": "ORD-48213", "type": "order", "timestamp": "2026-11-02T10:15:00Z",
 "data": {"customer": {"id": "CUST-4821", "name": "Customer 17", "email": "customer17@example.com",
          "address": {"street": "512 Main St", "city": "Chicago", "state": "IL", "zip": "60601"}},
          "product": {"name": "Laptop", "quantity": 2, "unit_price": 1250.00, "total": 2500.00},
          "status": "pending", "shipping_method": "express", "notes": "Fragile"}}
JSON
