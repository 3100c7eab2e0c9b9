package org.loggingaudit.testservices;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch node for the integration tests and stays in the foreground until killed.
 *
 * <p>HTTP listens on 127.0.0.1 only, without the security plugin (plain http, no auth). The node
 * has the modules the runner bundles (analysis-common, painless, reindex, ingest-common, mapper-
 * extras, ...). Index State Management is NOT available: the index-management plugin and the
 * job-scheduler plugin it extends are not published to Maven Central for the runner's OpenSearch
 * versions, so {@code _plugins/_ism} answers 404 on this node. All state
 * lives under the base path (default {@code .services/opensearch}). Settings come from the
 * environment:
 *
 * <ul>
 *   <li>{@code OPENSEARCH_HOME} - base path for data, logs and config (default
 *       {@code .services/opensearch})
 *   <li>{@code OPENSEARCH_HOST} - bind address (default {@code 127.0.0.1})
 *   <li>{@code OPENSEARCH_PORT} - HTTP port (default {@code 59200})
 *   <li>{@code OPENSEARCH_TRANSPORT_PORT} - transport port (default HTTP port + 100)
 *   <li>{@code OPENSEARCH_SNAPSHOT_PATH} - the filesystem snapshot repositories may live under
 *       ({@code path.repo}; default {@code <OPENSEARCH_HOME>/snapshots})
 * </ul>
 */
public final class Launcher {
    private Launcher() {}

    public static void main(final String[] args) throws Exception {
        final String home = Path.of(env("OPENSEARCH_HOME", ".services/opensearch"))
                .toAbsolutePath().toString();
        final String host = env("OPENSEARCH_HOST", "127.0.0.1");
        final int httpPort = Integer.parseInt(env("OPENSEARCH_PORT", "59200"));
        final int transportPort = Integer.parseInt(
                env("OPENSEARCH_TRANSPORT_PORT", Integer.toString(httpPort + 100)));

        final String snapshotPath = Path.of(env("OPENSEARCH_SNAPSHOT_PATH", home + "/snapshots"))
                .toAbsolutePath().toString();

        final OpenSearchRunner runner = new OpenSearchRunner();
        // The runner probes ports from baseHttpPort + 1 up to a maximum of 9299 by default;
        // the HTTP port is set explicitly below, so the probe is switched off.
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("network.host", host);
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            // Filesystem snapshot repositories (backup verification tests) must live here.
            settings.putList("path.repo", snapshotPath);
            // A developer disk that is 90% full must not turn every index read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            // Small heap, small machine: keep the node lean.
            settings.put("indices.breaker.total.use_real_memory", false);
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println("Failed to close the node: " + e);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-test-node-shutdown"));

        runner.build(newConfigs()
                .basePath(home)
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("logging-audit-test"));
        runner.ensureYellow();
        System.out.println("OpenSearch test node ready on http://" + host + ":" + httpPort);

        stopped.await();
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
