package org.toposcope.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.toposcope.core.CacheLocation;
import org.toposcope.core.ToposcopeException;

/**
 * A Spark standalone cluster on this machine from the build's jars: one Master and N Workers, each a plain
 * {@code java -cp lib/*} process bound to 127.0.0.1. Workers build their executors' class path from
 * {@code SPARK_HOME/jars} and need {@code SPARK_SCALA_VERSION}: SPARK_HOME is a folder whose {@code jars} links
 * to the build's {@code lib}. The processes outlive this command; their ids are kept in {@code cluster.properties}.
 */
final class LocalCluster {

    static final String LOOPBACK = "127.0.0.1";
    private static final String STATE = "cluster.properties";
    /** How long the master, then the workers, may take to come up (a loaded 2-core machine needs tens of seconds). */
    private static final long START_MILLIS = 180_000;

    record State(String masterUrl, String webUi, long masterPid, List<Long> workerPids) {
    }

    private LocalCluster() {
    }

    static Path defaultDir() {
        return CacheLocation.root().resolve("spark-cluster");
    }

    /** The build's jars: {@code toposcope.spark.lib}, else {@code lib} beside this module's jar. */
    static Path libFolder() {
        String p = System.getProperty("toposcope.spark.lib");
        Path lib = p != null ? Path.of(p) : SparkContexts.applicationJar().getParent().resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new ToposcopeException(lib + ": no such folder of jars (build the spark module: ./mvnw -B install -pl spark -am)");
        }
        return lib;
    }

    static State start(Path dir, Path lib, int workers, int cores, String memory) {
        if (workers < 1 || cores < 1) {
            throw new ToposcopeException("cluster start: needs at least 1 worker with 1 core");
        }
        Optional<State> running = read(dir).filter(LocalCluster::alive);
        if (running.isPresent()) {
            throw new ToposcopeException(dir + ": a cluster is already running at " + running.get().masterUrl()
                    + " (toposcope cluster stop first)");
        }
        try {
            Path home = dir.resolve("home");
            Files.createDirectories(home.resolve("conf"));
            Path jars = home.resolve("jars");
            Files.deleteIfExists(jars);
            Files.createSymbolicLink(jars, lib.toAbsolutePath());
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Path local = Files.createDirectories(dir.resolve("local"));
            int port = free(7077);
            int ui = free(8080);
            String master = "spark://" + LOOPBACK + ":" + port;
            Map<String, String> env = Map.of("SPARK_LOCAL_IP", LOOPBACK, "SPARK_HOME", home.toAbsolutePath().toString(),
                    "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_DIRS", local.toAbsolutePath().toString());
            long masterPid = launch(lib, env, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(ui));
            List<Long> pids = new ArrayList<>();
            State state = new State(master, "http://" + LOOPBACK + ":" + ui, masterPid, pids);
            write(dir, state);
            try {
                awaitWorkers(state, 0, START_MILLIS);
                for (int w = 1; w <= workers; w++) {
                    Path work = Files.createDirectories(dir.resolve("work/w" + w));
                    pids.add(launch(lib, env, logs.resolve("worker-" + w + ".log"), "org.apache.spark.deploy.worker.Worker", "--host",
                            LOOPBACK, "--cores", Integer.toString(cores), "--memory", memory, "--webui-port",
                            Integer.toString(free(8080 + w)), "--work-dir", work.toAbsolutePath().toString(), master));
                    write(dir, state);
                }
                awaitWorkers(state, workers, START_MILLIS);
            } catch (IOException | RuntimeException e) {
                // nothing half-started stays behind
                stop(dir);
                throw e;
            }
            return state;
        } catch (IOException e) {
            throw new ToposcopeException(dir + ": cannot start the cluster: " + e.getMessage());
        }
    }

    /** Stops the workers (their executors first), then the master; returns how many processes were stopped. */
    static int stop(Path dir) {
        Optional<State> s = read(dir);
        if (s.isEmpty()) {
            return 0;
        }
        int stopped = 0;
        for (long pid : s.get().workerPids()) {
            stopped += kill(pid);
        }
        stopped += kill(s.get().masterPid());
        try {
            Files.deleteIfExists(dir.resolve(STATE));
        } catch (IOException e) {
            throw new ToposcopeException(dir.resolve(STATE) + ": cannot delete: " + e.getMessage());
        }
        return stopped;
    }

    private static int kill(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(LocalCluster::isSpark);
        if (h.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (ProcessHandle child : h.get().descendants().toList()) {
            child.destroy();
            n++;
        }
        h.get().destroy();
        try {
            h.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            h.get().destroyForcibly();
        }
        return n + 1;
    }

    /** Only a Spark daemon we may have started: a reused process id is left alone. */
    private static boolean isSpark(ProcessHandle h) {
        return h.isAlive() && h.info().arguments().map(a -> String.join(" ", a).contains("org.apache.spark.deploy.")).orElse(false);
    }

    private static boolean alive(State s) {
        return ProcessHandle.of(s.masterPid()).filter(LocalCluster::isSpark).isPresent();
    }

    private static long launch(Path lib, Map<String, String> env, Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // a session of its own: a Ctrl-C or a kill of the starting shell's job does not take the daemons down
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", lib.toAbsolutePath() + "/*", main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start().pid();
    }

    private static void awaitWorkers(State s, int workers, long millis) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.currentTimeMillis() + millis;
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        String last = "no answer";
        while (System.currentTimeMillis() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.webUi() + "/json/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = alive.matcher(r.body());
                if (m.find()) {
                    last = m.group(1) + " alive workers";
                    if (Integer.parseInt(m.group(1)) >= workers) {
                        return;
                    }
                }
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!alive(s)) {
                throw new ToposcopeException(s.masterUrl() + ": the master exited (see its log)");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ToposcopeException(s.webUi() + ": " + workers + " workers did not register in time (" + last + ")");
    }

    /** {@code preferred} if free on 127.0.0.1, else any free port (other clusters may run on this machine). */
    private static int free(int preferred) throws IOException {
        for (int p = preferred; p < preferred + 20; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName(LOOPBACK))) {
                return p;
            } catch (IOException e) {
                // taken
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static void write(Path dir, State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("master", s.masterUrl());
        p.setProperty("webui", s.webUi());
        p.setProperty("master.pid", Long.toString(s.masterPid()));
        p.setProperty("worker.pids", String.join(",", s.workerPids().stream().map(String::valueOf).toList()));
        Path tmp = dir.resolve(STATE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "toposcope cluster start");
        }
        Files.move(tmp, dir.resolve(STATE), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<State> read(Path dir) {
        Path f = dir.resolve(STATE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            List<Long> workers = new ArrayList<>();
            for (String w : p.getProperty("worker.pids", "").split(",")) {
                if (!w.isBlank()) {
                    workers.add(Long.parseLong(w.strip()));
                }
            }
            return Optional.of(new State(p.getProperty("master"), p.getProperty("webui"), Long.parseLong(p.getProperty("master.pid")), workers));
        } catch (IOException | RuntimeException e) {
            throw new ToposcopeException(f + ": unreadable cluster state (" + e.getMessage() + "); stop the processes by hand");
        }
    }
}
