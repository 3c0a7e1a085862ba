package org.toposcope.experiment.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;

/** Exact binary forms of the cached values (doubles as their bits), so a cache hit gives identical numbers. */
public final class Codec {

    private Codec() {
    }

    public static byte[] encode(PointCloud c) {
        return write(out -> {
            out.writeUTF(c.name());
            out.writeInt(c.size());
            out.writeInt(c.dimension());
            doubles(out, c.coordinates());
            Provenance p = c.provenance();
            ints(out, p.imageIds());
            ints(out, p.labels());
            ints(out, p.rowsInMap());
            ints(out, p.columnsInMap());
        });
    }

    public static PointCloud decodeCloud(byte[] bytes) {
        return read(bytes, in -> {
            String name = in.readUTF();
            int size = in.readInt();
            int dimension = in.readInt();
            double[] coordinates = doubles(in);
            Provenance p = new Provenance(ints(in), ints(in), ints(in), ints(in));
            return new PointCloud(name, size, dimension, coordinates, p);
        });
    }

    public static byte[] encode(PersistenceDiagram d) {
        return write(out -> {
            out.writeUTF(d.name());
            out.writeInt(d.dimensions().size());
            for (PersistenceDiagram.Dimension k : d.dimensions()) {
                doubles(out, k.births());
                doubles(out, k.deaths());
                doubles(out, k.essentialBirths());
            }
        });
    }

    public static PersistenceDiagram decodeDiagram(byte[] bytes) {
        return read(bytes, in -> {
            String name = in.readUTF();
            int count = in.readInt();
            List<PersistenceDiagram.Dimension> dims = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                dims.add(new PersistenceDiagram.Dimension(k, doubles(in), doubles(in), doubles(in)));
            }
            return new PersistenceDiagram(name, dims);
        });
    }

    /** A list of equal-purpose double arrays (a curve's columns). */
    public static byte[] encode(double[]... columns) {
        return write(out -> {
            out.writeInt(columns.length);
            for (double[] c : columns) {
                doubles(out, c);
            }
        });
    }

    public static double[][] decodeColumns(byte[] bytes) {
        return read(bytes, in -> {
            double[][] columns = new double[in.readInt()][];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = doubles(in);
            }
            return columns;
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return r.read(in);
        } catch (IOException e) {
            // entries are verified by digest before decoding, so this is a programming error
            throw new UncheckedIOException("cache entry does not decode", e);
        }
    }

    private static void doubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeLong(Double.doubleToRawLongBits(x));
        }
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.longBitsToDouble(in.readLong());
        }
        return v;
    }

    private static void ints(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] v = new int[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }
}
