package org.toposcope.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.toposcope.core.ToposcopeException;

/**
 * Spark contexts as Toposcope's driver makes them: every socket on the given driver host (127.0.0.1 unless
 * told otherwise), executors offline with the build's jars, and the master checked before Spark would spend
 * a minute retrying an address nobody answers on.
 */
public final class SparkContexts {

    /** How long to wait for a standalone master's port, and then for the first executor. */
    static final int CONNECT_MILLIS = 5_000;
    static final int EXECUTOR_WAIT_MILLIS = 60_000;

    private SparkContexts() {
    }

    /**
     * @param driverHost the address executors reach the driver at, and the one it binds
     * @param ship       jars to ship to executors (the application's own; in local mode none are needed)
     */
    public static JavaSparkContext create(String master, String appName, String driverHost, List<Path> ship) {
        checkReachable(master);
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
                .set("spark.driver.host", driverHost)
                .set("spark.driver.bindAddress", driverHost)
                // stage-1 results are a few MB per task; the default 1g cap on collected results is not the limit here
                .set("spark.driver.maxResultSize", "0")
                .set("spark.executor.extraJavaOptions", executorOptions())
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
        if (!driverHost.equals(System.getenv("SPARK_LOCAL_IP"))) {
            // the driver's web UI binds SPARK_LOCAL_IP, else every interface: without it, no UI
            conf.set("spark.ui.enabled", "false");
        }
        if (!master.startsWith("local")) {
            conf.setJars(ship.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new));
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new ToposcopeException(master + ": cannot start a Spark application: " + Failures.reason(e), e);
        }
        if (!master.startsWith("local")) {
            awaitExecutor(sc, master);
        }
        return sc;
    }

    /** DJL offline on every executor, and our cache folder where the driver was given one (else each node's own). */
    static String executorOptions() {
        StringBuilder b = new StringBuilder("-Dai.djl.offline=true -Djava.awt.headless=true");
        String cache = System.getProperty("toposcope.cache.dir");
        if (cache != null && !cache.isBlank() && !cache.contains(" ")) {
            b.append(" -Dtoposcope.cache.dir=").append(cache);
        }
        return b.toString();
    }

    /** A standalone master URL's hosts must accept a connection within {@link #CONNECT_MILLIS}. */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri;
            try {
                uri = URI.create("spark://" + hostPort);
            } catch (IllegalArgumentException e) {
                throw new ToposcopeException(master + ": not a master URL (" + e.getMessage() + ")");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new ToposcopeException(master + ": not a master URL (spark://HOST:PORT)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_MILLIS);
                return;
            } catch (IOException e) {
                if (!master.contains(",")) {
                    throw new ToposcopeException(master + ": no Spark master answers there (" + e.getMessage() + ")");
                }
            }
        }
        throw new ToposcopeException(master + ": none of the masters answers");
    }

    private static void awaitExecutor(JavaSparkContext sc, String master) {
        long end = System.currentTimeMillis() + EXECUTOR_WAIT_MILLIS;
        // the driver itself is one entry of the block managers' list
        while (sc.sc().getExecutorMemoryStatus().size() < 2) {
            if (System.currentTimeMillis() > end) {
                sc.stop();
                throw new ToposcopeException(master + ": no executor registered within " + EXECUTOR_WAIT_MILLIS / 1000
                        + " s (are workers running, with free cores and memory?)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToposcopeException(master + ": interrupted while waiting for executors");
            }
        }
    }

    /** The heap an executor's tasks share: the driver's own in local mode, else {@code spark.executor.memory}. */
    static long executorMemory(JavaSparkContext sc) {
        if (sc.master().startsWith("local")) {
            return Runtime.getRuntime().maxMemory();
        }
        return sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
    }

    static String executorMemoryName(JavaSparkContext sc) {
        return sc.master().startsWith("local") ? "the driver's heap (local mode)"
                : "an executor (spark.executor.memory " + sc.getConf().get("spark.executor.memory", "1g") + ")";
    }

    /** The JVM options Spark itself gives its JVMs on Java 17 (module openings), as shipped with this build. */
    public static List<String> moduleFlags() {
        try (InputStream in = SparkContexts.class.getResourceAsStream("module-flags.txt")) {
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
            return out;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("module-flags.txt is part of this jar", e);
        }
    }

    /** The jar this class came from, or (running from classes, as in tests) {@code toposcope.spark.jar}. */
    public static Path applicationJar() {
        try {
            Path p = Path.of(SparkContexts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p)) {
                return p;
            }
        } catch (Exception e) {
            // fall through to the property
        }
        String jar = System.getProperty("toposcope.spark.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new ToposcopeException("cannot find toposcope-spark's jar to ship to executors (set -Dtoposcope.spark.jar)");
        }
        return Path.of(jar);
    }
}
