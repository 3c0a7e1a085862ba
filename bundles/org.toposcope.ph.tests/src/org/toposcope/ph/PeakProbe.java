package org.toposcope.ph;

import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;

/**
 * Runs one Vietoris–Rips computation in its own JVM, so that {@link PeakMemoryTest} can give it a heap
 * of a chosen size: exits 0 when it finished, {@link #OUT_OF_MEMORY}, {@link #OUT_OF_MEMORY_REPORTED} or
 * {@link #STOPPED_BEFORE_REDUCTION} when it did not fit. A second
 * argument holds that many MB of the heap as ballast first: a smaller heap in effect, without the
 * backend's own refusal of a JVM too small for the dense tables (which reads the maximum heap).
 * Only the core and ph bundles' classes are on its class path.
 */
public final class PeakProbe {

    static final int OUT_OF_MEMORY = 3;
    /** Exit code when the backend turned the out-of-memory error into its one-line message (printed). */
    static final int OUT_OF_MEMORY_REPORTED = 4;
    /** Exit code when the backend stopped before a dimension's reduction that would not fit (message printed). */
    static final int STOPPED_BEFORE_REDUCTION = 5;

    /**
     * A probe case: a cloud ({@code kind}: gaussian, uniform, clusters, torus, circle, o3) of n points in
     * R^d, the homology dimension, threshold, threads and whether representative cycles are asked for.
     */
    record Case(String kind, int n, int d, int maxDim, String threshold, int threads, boolean cycles) {

        String[] args() {
            return new String[] {kind, Integer.toString(n), Integer.toString(d), Integer.toString(maxDim), threshold,
                Integer.toString(threads), Boolean.toString(cycles)};
        }

        static Case of(String[] a) {
            return new Case(a[0], Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), a[4],
                    Integer.parseInt(a[5]), Boolean.parseBoolean(a[6]));
        }

        PointCloud cloud() {
            Random r = new Random(17);
            double[][] p = new double[n][];
            for (int i = 0; i < n; i++) {
                p[i] = switch (kind) {
                    case "torus" -> {
                        double a = 2 * Math.PI * r.nextDouble();
                        double b = 2 * Math.PI * r.nextDouble();
                        yield new double[] {Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b)};
                    }
                    case "circle" -> {
                        double a = 2 * Math.PI * r.nextDouble();
                        yield new double[] {Math.cos(a) + 0.05 * r.nextGaussian(), Math.sin(a) + 0.05 * r.nextGaussian()};
                    }
                    case "o3" -> PhTesting.orthogonal(r);
                    default -> {
                        double[] x = new double[d];
                        for (int k = 0; k < d; k++) {
                            x[k] = kind.equals("uniform") ? r.nextDouble() : r.nextGaussian();
                        }
                        if (kind.equals("clusters")) {
                            x[0] += 10 * (i % 4);
                        }
                        yield x;
                    }
                };
            }
            return PointCloud.of(kind + "-" + n, p);
        }

        /** The backend's parameters; max-memory is lifted, since the probe measures what the run really needs. */
        Parameters parameters(VietorisRipsBackend backend) {
            Map<String, String> m = new HashMap<>();
            m.put("max-dimension", Integer.toString(maxDim));
            m.put("threshold", threshold);
            m.put("threads", Integer.toString(threads));
            m.put("max-memory", "1t");
            return Parameters.resolve(backend, m);
        }

        @Override
        public String toString() {
            return kind + " " + n + " in R^" + d + " H" + maxDim + " t=" + threshold + " " + threads + " thread(s)"
                    + (cycles ? " with cycles" : "");
        }
    }

    public static void main(String[] args) {
        Case c = Case.of(args);
        byte[][] ballast = new byte[Integer.parseInt(args[7])][];
        for (int i = 0; i < ballast.length; i++) {
            ballast[i] = new byte[1 << 20];
        }
        VietorisRipsBackend backend = new VietorisRipsBackend();
        PointCloud cloud = c.cloud();
        try {
            if (c.cycles()) {
                backend.computeWithCycles(cloud, c.parameters(backend), Progress.none());
            } else {
                backend.compute(cloud, c.parameters(backend), Progress.none());
            }
        } catch (OutOfMemoryError e) {
            System.exit(OUT_OF_MEMORY);
        } catch (ToposcopeException e) {
            // the backend's own report of a reduction that outgrew the heap
            System.out.println(e.getMessage());
            System.exit(e.getMessage().contains(" ran out of memory in the ") ? OUT_OF_MEMORY_REPORTED
                    : e.getMessage().contains(": stopped before the H") ? STOPPED_BEFORE_REDUCTION : 1);
        }
        Reference.reachabilityFence(ballast);
        System.exit(0);
    }
}
