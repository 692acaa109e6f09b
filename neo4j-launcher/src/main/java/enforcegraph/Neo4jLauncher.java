package enforcegraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community DBMS with Bolt on 127.0.0.1, for tests and benchmarks.
 * Usage: Neo4jLauncher HOME_DIR PORT [PASSWORD]. Without a password, auth is off.
 * Prints "ENFORCEGRAPH_NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts connections;
 * shuts down on SIGTERM and when stdin closes (unless -Denforcegraph.watchStdin=false).
 * Benchmarks may size it with -Denforcegraph.pagecache=6g (default 64m) and
 * -Denforcegraph.txTimeoutMinutes=60 (default 5); the tests use the defaults.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: Neo4jLauncher HOME_DIR PORT [PASSWORD]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args.length == 3 ? args[2] : null;
        boolean fresh = !Files.exists(home.resolve("data/databases/system"));
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(System.getProperty("enforcegraph.pagecache", "64m")))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(Long.getLong("enforcegraph.txTimeoutMinutes", 5L)))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Bolt waits ~10 s for idle connections and Netty on shutdown by default.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
        AtomicBoolean down = new AtomicBoolean(false);
        Runnable shutdown = () -> {
            if (down.compareAndSet(false, true)) {
                dbms.shutdown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "neo4j-shutdown"));
        if (password != null && fresh) { // later runs of this home keep the password
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        }
        try (Socket probe = new Socket("127.0.0.1", port)) { // Bolt must really listen
            System.out.println("ENFORCEGRAPH_NEO4J_READY bolt://127.0.0.1:" + port);
            System.out.flush();
        }
        if (Boolean.parseBoolean(System.getProperty("enforcegraph.watchStdin", "true"))) {
            InputStream in = System.in;
            try {
                while (in.read() != -1) { /* parent alive */ }
            } catch (IOException ignored) { // stdin broken: parent gone
            }
            System.exit(0); // runs the shutdown hook
        }
        Thread.currentThread().join();
    }
}
