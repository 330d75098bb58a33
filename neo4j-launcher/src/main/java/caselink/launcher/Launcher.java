package caselink.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community embedded with a Bolt connector on 127.0.0.1 for CaseLink's local use.
 *
 * <p>Configuration comes from environment variables so the Python CLI owns every default:
 * CASELINK_NEO4J_HOME (store directory), CASELINK_NEO4J_PORT (Bolt port),
 * CASELINK_NEO4J_PASSWORD (password of the neo4j user), CASELINK_NEO4J_PAGECACHE and
 * CASELINK_NEO4J_TX_MEMORY (memory settings). It prints "CASELINK-READY" once Bolt answers and
 * shuts the database down cleanly on SIGTERM.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("CASELINK_NEO4J_HOME", "var/neo4j")).toAbsolutePath();
        int port = Integer.parseInt(env.getOrDefault("CASELINK_NEO4J_PORT", "7687"));
        String password = env.getOrDefault("CASELINK_NEO4J_PASSWORD", "caselink-local");
        String pageCache = env.getOrDefault("CASELINK_NEO4J_PAGECACHE", "1g");
        String txMemory = env.getOrDefault("CASELINK_NEO4J_TX_MEMORY", "2g");

        if (!portIsFree(port)) {
            System.err.println("CASELINK-ERROR port-taken: 127.0.0.1:" + port + " is already in use");
            System.exit(3);
        }
        Files.createDirectories(home);

        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, parseBytes(txMemory))
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                    .build();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()) + causeChain(e);
            if (message.contains("lock") || message.contains("Lock")) {
                System.err.println("CASELINK-ERROR store-locked: " + home + " is used by another Neo4j");
                System.exit(4);
            }
            throw e;
        }

        try {
            setPassword(service, password);
        } catch (RuntimeException e) {
            System.err.println("CASELINK-ERROR bad-password: " + e.getMessage());
            service.shutdown();
            System.exit(5);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "caselink-shutdown"));

        Files.writeString(home.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()),
                StandardCharsets.UTF_8);
        System.out.println("CASELINK-READY bolt://" + HOST + ":" + port + " store=" + home);
        System.out.flush();
        stopped.await();
    }

    private static void setPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // The default user starts with password "neo4j" and a forced change; set ours explicitly.
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // A restart on an existing store: the password is already the configured one.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long parseBytes(String text) {
        String value = text.trim().toLowerCase();
        long unit = 1;
        char last = value.charAt(value.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            value = value.substring(0, value.length() - 1);
        }
        return Long.parseLong(value) * unit;
    }

    private static String causeChain(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            out.append(" / ").append(cause.getMessage());
        }
        return out.toString();
    }
}
