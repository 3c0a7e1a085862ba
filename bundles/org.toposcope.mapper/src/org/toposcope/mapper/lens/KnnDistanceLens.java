package org.toposcope.mapper.lens;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.Clouds;

/** Euclidean distance from each point to its k-th nearest other point (brute force, O(n²)). */
@Component(service = Lens.class)
public final class KnnDistanceLens implements Lens {

    public static final String ID = "knn-distance";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "distance to the k-th nearest neighbour";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("k", 5, "which neighbour (1 = nearest other point)"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        int k = parameters.integer("k");
        if (k < 1) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " k must be at least 1, got " + k);
        }
        Clouds.requireUsable(cloud, ID, k + 1);
        return new Matrix(cloud.size(), 1, kthNeighbourDistances(cloud, k));
    }

    /** Distance of every row to its k-th nearest other row; also DBSCAN's default-eps curve (k = 1). */
    public static double[] kthNeighbourDistances(PointCloud cloud, int k) {
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double[] row = new double[n - 1];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    row[m++] = Clouds.squaredDistance(x, d, i, j);
                }
            }
            Arrays.sort(row);
            out[i] = Math.sqrt(row[k - 1]);
        }
        return out;
    }
}
