package org.toposcope.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.samples.Samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The plain-JVM side of the command line, which {@code ./toposcope} starts for {@code run --spark},
 * {@code demo --spark} and {@code cluster}: Spark cannot live in the OSGi product, so these commands run here,
 * with the build's jars on the class path and extensions found by ServiceLoader.
 */
@Command(name = "toposcope", subcommands = {Main.Run.class, Main.Demo.class, Main.Cluster.class},
        description = "Toposcope on Apache Spark: run experiment specs on a Spark master; start a local standalone cluster.")
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof ToposcopeException) {
                err.println("toposcope: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Options shared by run and demo. */
    static class SparkOptions {
        @Option(names = "--spark", required = true, paramLabel = "MASTER",
                description = "Spark master URL: local[N], spark://HOST:PORT (e.g. from `toposcope cluster start`), or any Spark accepts")
        String master;

        @Option(names = "--driver-host", defaultValue = "127.0.0.1",
                description = "address the driver binds and executors reach it at; default ${DEFAULT-VALUE} (set it for a cluster on other machines)")
        String driverHost;

        @Option(names = "--layers-per-task", defaultValue = "4", description = "stage 1: layers of one model per task; default ${DEFAULT-VALUE}")
        int layersPerTask;

        @Option(names = "--pairs-per-task", defaultValue = "256", description = "stage 2: diagram pairs per task; default ${DEFAULT-VALUE}")
        int pairsPerTask;

        Path report(ExperimentSpec spec, Path out, String name) {
            SparkExperiments.Options options = new SparkExperiments.Options(layersPerTask, pairsPerTask);
            List<Path> ship = new ArrayList<>();
            ship.add(SparkContexts.applicationJar());
            long start = System.nanoTime();
            JavaSparkContext sc = SparkContexts.create(master, "toposcope " + name, driverHost, ship);
            try {
                Path index = SparkExperiments.run(spec, out, sc, options, Registry.current(), new Lines(System.err));
                System.err.printf("toposcope: %s on %s in %.1f s%n", spec.name(), master, (System.nanoTime() - start) / 1e9);
                return index;
            } finally {
                sc.stop();
            }
        }
    }

    @Command(name = "run", description = "Run an experiment spec (YAML) on Spark and write the same report folder a local run writes.")
    static final class Run extends SparkOptions implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC")
        Path spec;

        @Option(names = "--out", paramLabel = "DIR", description = "report folder; default: the spec's name + '-report'")
        Path out;

        @Override
        public Integer call() {
            ExperimentSpec s = SpecReader.read(spec);
            Path folder = out != null ? out : Path.of(s.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-report");
            System.out.println(report(s, folder, s.name()).toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "demo", description = "Run the shipped experiment on Spark.")
    static final class Demo extends SparkOptions implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "toposcope-demo", paramLabel = "DIR", description = "report folder; default ${DEFAULT-VALUE}")
        Path out;

        @Override
        public Integer call() {
            ExperimentSpec s = SpecReader.parse(Samples.demoSpec(), "demo.yaml", null);
            System.out.println(report(s, out, "demo").toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "cluster", subcommands = {Cluster.Start.class, Cluster.Stop.class},
            description = "A Spark standalone cluster on this machine (127.0.0.1 only), from the build's jars.")
    static final class Cluster {

        @Option(names = "--dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
                description = "where the cluster keeps its state, logs and work folders; default: <cache>/spark-cluster")
        Path dir;

        Path dir() {
            return dir != null ? dir : LocalCluster.defaultDir();
        }

        @Command(name = "start", description = "Start a Master and N Workers; print the master URL, the web UI and the processes.")
        static final class Start implements Callable<Integer> {
            @CommandLine.ParentCommand
            Cluster parent;

            @Option(names = "--workers", defaultValue = "2", description = "workers; default ${DEFAULT-VALUE}")
            int workers;

            @Option(names = "--cores", defaultValue = "1", description = "cores per worker; default ${DEFAULT-VALUE}")
            int cores;

            @Option(names = "--memory", defaultValue = "2g", description = "memory per worker for executors; default ${DEFAULT-VALUE}")
            String memory;

            @Override
            public Integer call() {
                LocalCluster.State s = LocalCluster.start(parent.dir(), LocalCluster.libFolder(), workers, cores, memory);
                System.out.println("master " + s.masterUrl());
                System.out.println("web UI " + s.webUi());
                System.out.println("master pid " + s.masterPid());
                for (int i = 0; i < s.workerPids().size(); i++) {
                    System.out.println("worker " + (i + 1) + " pid " + s.workerPids().get(i));
                }
                return 0;
            }
        }

        @Command(name = "stop", description = "Stop the Workers (and their executors) and the Master that `cluster start` started.")
        static final class Stop implements Callable<Integer> {
            @CommandLine.ParentCommand
            Cluster parent;

            @Override
            public Integer call() {
                int stopped = LocalCluster.stop(parent.dir());
                System.out.println(stopped == 0 ? "no cluster was running" : "stopped " + stopped + " processes");
                return 0;
            }
        }
    }

    /** Progress as one stderr line per step. */
    record Lines(PrintStream err) implements Progress {
        @Override
        public void begin(String task, long totalWork) {
            if (task.startsWith("stage ")) {
                err.println("toposcope: " + task);
            }
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

}
