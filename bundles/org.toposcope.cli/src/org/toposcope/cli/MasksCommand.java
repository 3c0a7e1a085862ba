package org.toposcope.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.toposcope.core.spi.Dataset;
import org.toposcope.masks.GrabCutMasks;
import org.toposcope.masks.Masks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope masks}: GrabCut foreground masks of a data set's images, for the foreground/background-top-k strategies. */
@Command(name = "masks", sortOptions = false,
        description = {"Segment each image of a data set into foreground and background with GrabCut (OpenCV) and write",
            "the masks as float32 N x H x W .npy (1 = foreground), for 'pointcloud --strategy foreground-top-k",
            "--param masks=FILE' (or background-top-k). GrabCut starts from the image inset by --margin pixels."})
final class MasksCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "data set file or folder (sample:fashion-mnist-test for the shipped sample); the first reader that recognises it reads it")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "masks to write; the file appears complete or not at all")
    Path out;

    @Option(names = "--limit", defaultValue = "-1", paramLabel = "N", description = "only the first N images (default: all); use the activations' limit")
    int limit;

    @Option(names = "--margin", defaultValue = "" + GrabCutMasks.Options.DEFAULT_MARGIN, paramLabel = "PIXELS",
            description = "border outside GrabCut's initial rectangle, taken as background; default ${DEFAULT-VALUE}")
    int margin;

    @Option(names = "--iterations", defaultValue = "" + GrabCutMasks.Options.DEFAULT_ITERATIONS, paramLabel = "K",
            description = "GrabCut iterations; default ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--seed", defaultValue = "0", description = "seed of OpenCV's generator, set per image; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public void run() {
        StderrProgress progress = StderrProgress.forTerminal();
        try (Dataset d = Inputs.openData(parent.registry, data)) {
            Masks masks = GrabCutMasks.compute(d, new GrabCutMasks.Options(limit, margin, iterations, seed), progress);
            masks.write(out);
            progress.finish();
            parent.spec.commandLine().getOut().println(String.format(Locale.ROOT, "wrote %d masks of %d x %d (%.1f%% foreground) to %s",
                    masks.count(), masks.height(), masks.width(), 100 * masks.foregroundFraction(), out));
        } finally {
            progress.finish();
        }
    }
}
