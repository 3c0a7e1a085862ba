package org.toposcope.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Provenance;

/**
 * Where each row of a point cloud came from, as CSV {@code image,label,row,column} (one line per cloud
 * row; -1 where a row has no label or no position in the feature map). Written atomically; read back
 * with one-line errors naming file and line.
 */
public final class ProvenanceFiles {

    public static final String HEADER = "image,label,row,column";

    private ProvenanceFiles() {
    }

    public static void write(Provenance p, Path file) {
        AtomicFiles.write(file, Inputs.name(file) + ": cannot write", channel -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.US_ASCII));
            w.write(HEADER + "\n");
            for (int i = 0; i < p.size(); i++) {
                w.write(p.imageId(i) + "," + p.label(i) + "," + p.rowInMap(i) + "," + p.columnInMap(i) + "\n");
            }
            w.flush();
        });
    }

    public static Provenance read(Path file) {
        String name = Inputs.name(file);
        int capacity = 1024;
        int[][] columns = new int[4][capacity];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new ToposcopeException(name + ":1: expected the header '" + HEADER + "'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.split(",", -1);
                if (t.length != 4) {
                    throw new ToposcopeException(name + ":" + number + ": " + t.length + " fields, expected 4 (" + HEADER + ")");
                }
                if (rows == capacity) {
                    capacity *= 2;
                    for (int c = 0; c < 4; c++) {
                        columns[c] = Arrays.copyOf(columns[c], capacity);
                    }
                }
                for (int c = 0; c < 4; c++) {
                    try {
                        columns[c][rows] = Integer.parseInt(t[c].trim());
                    } catch (NumberFormatException e) {
                        throw new ToposcopeException(name + ":" + number + ": '" + t[c] + "' is not an integer");
                    }
                }
                rows++;
            }
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
        return new Provenance(Arrays.copyOf(columns[0], rows), Arrays.copyOf(columns[1], rows), Arrays.copyOf(columns[2], rows),
                Arrays.copyOf(columns[3], rows));
    }
}
