package org.toposcope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.toposcope.activations.ActivationsFolder;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.NpyWriter;
import org.toposcope.data.ProvenanceFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope pointcloud}: one layer of an activations folder turned into a point cloud by a strategy. */
@Command(name = "pointcloud", sortOptions = false,
        description = {"Make a point cloud from one layer of an activations folder with a PointCloudStrategy",
            "(top-l2, spatial-sample, random-spatial, image-vector, pooled, random-projection, foreground-top-k, background-top-k;",
            "'toposcope services -p' lists their parameters). Writes FILE.npy (float64 rows) and FILE.provenance.csv",
            "(image,label,row,column per row; row and column -1 when the row is a whole image)."})
final class PointCloudCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--activations", required = true, paramLabel = "DIR", description = "folder written by 'toposcope activations'")
    Path activations;

    @Option(names = "--layer", required = true, description = "layer name as in the folder's manifest")
    String layer;

    @Option(names = "--strategy", defaultValue = "top-l2", description = "a PointCloudStrategy id; default ${DEFAULT-VALUE}")
    String strategy;

    @Option(names = "--seed", description = "the strategy's seed parameter (random strategies only)")
    Integer seed;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a strategy parameter, e.g. --param count=80000 (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "256", description = "images read at a time; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "point cloud to write; provenance goes next to it")
    Path out;

    @Override
    public void run() {
        String name = Inputs.name(out);
        if (!name.endsWith(".npy")) {
            throw new ToposcopeException(name + ": the point cloud file must end in .npy");
        }
        PointCloudStrategy s = parent.registry.get(PointCloudStrategy.class, strategy);
        Map<String, String> given = new LinkedHashMap<>(params);
        if (seed != null) {
            if (s.parameters().stream().noneMatch(p -> p.name().equals("seed"))) {
                throw new ToposcopeException("strategy " + strategy + " takes no seed");
            }
            if (given.containsKey("seed")) {
                throw new ToposcopeException("seed given twice, as --seed and --param seed");
            }
            given.put("seed", seed.toString());
        }
        Parameters parameters = Parameters.resolve(s, given);
        ActivationsFolder folder = ActivationsFolder.open(activations);
        folder.manifest().layer(layer);
        StderrProgress progress = StderrProgress.forTerminal();
        PointCloud cloud;
        try {
            cloud = folder.pointCloud(layer, s, parameters, batch, progress);
        } finally {
            progress.finish();
        }
        Path provenance = out.resolveSibling(name.substring(0, name.length() - 4) + ".provenance.csv");
        ProvenanceFiles.write(cloud.provenance(), provenance);
        try {
            NpyWriter.write(out, new int[] {cloud.size(), cloud.dimension()}, cloud.coordinates());
        } catch (RuntimeException e) {
            // a provenance file without its cloud would be mistaken for a result
            try {
                Files.deleteIfExists(provenance);
            } catch (IOException ignored) {
                // the write error below is the one to report
            }
            throw e;
        }
        parent.spec.commandLine().getOut().println(cloud.size() + " x " + cloud.dimension() + " point cloud of layer " + layer
                + " (" + strategy + ") written to " + out);
    }
}
