package org.toposcope.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An N-dimensional array read from an IDX file (the MNIST family): its shape, its IDX type code and
 * its elements in C order as the file stores them (big-endian, {@link #elementSize()} bytes each).
 * The elements stay in that compact form; the accessors convert one at a time. Immutable: the data is
 * a read-only view, never copied by the reader.
 */
public record IdxArray(int[] shape, byte type, ByteBuffer data) {

    public static final byte UBYTE = 0x08;
    public static final byte BYTE = 0x09;
    public static final byte SHORT = 0x0B;
    public static final byte INT = 0x0C;
    public static final byte FLOAT = 0x0D;
    public static final byte DOUBLE = 0x0E;

    public IdxArray {
        int size = elementSize(type);
        if (size < 0) {
            throw new IllegalArgumentException(String.format("unknown IDX type code 0x%02x", type & 0xff));
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            // past int range the count only needs to stay "too large", unless a 0 empties it
            count = count > Integer.MAX_VALUE ? (d == 0 ? 0 : count) : count * d;
        }
        if (count > Integer.MAX_VALUE || count * size != data.remaining()) {
            throw new IllegalArgumentException(data.remaining() + " bytes do not fill shape " + Arrays.toString(shape)
                    + " of " + typeName(type));
        }
        shape = shape.clone();
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }

    /** Bytes per element of IDX type {@code type}, or -1 for an unknown code. */
    public static int elementSize(byte type) {
        return switch (type) {
            case UBYTE, BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> -1;
        };
    }

    /** ubyte, byte, short, int, float or double; the hex code for an unknown one. */
    public static String typeName(byte type) {
        return switch (type) {
            case UBYTE -> "ubyte";
            case BYTE -> "byte";
            case SHORT -> "short";
            case INT -> "int";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            default -> String.format("0x%02x", type & 0xff);
        };
    }

    public int rank() {
        return shape.length;
    }

    public int dimension(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int count() {
        return data.capacity() / elementSize(type);
    }

    public int elementSize() {
        return elementSize(type);
    }

    /** Element {@code i} (C order) of a ubyte array, 0 to 255. */
    public int unsignedByte(int i) {
        if (type != UBYTE) {
            throw new IllegalStateException("the array holds " + typeName(type) + ", not ubyte");
        }
        return data.get(i) & 0xff;
    }

    /** Element {@code i} of an integer array (ubyte, byte, short or int). */
    public int intValue(int i) {
        return switch (type) {
            case UBYTE -> data.get(i) & 0xff;
            case BYTE -> data.get(i);
            case SHORT -> data.getShort(i * 2);
            case INT -> data.getInt(i * 4);
            default -> throw new IllegalStateException("the array holds " + typeName(type) + ", not integers");
        };
    }

    /** Element {@code i} of any type, exactly. */
    public double value(int i) {
        return switch (type) {
            case FLOAT -> data.getFloat(i * 4);
            case DOUBLE -> data.getDouble(i * 8);
            default -> intValue(i);
        };
    }

    /** All elements as floats (ints beyond 2^24 and doubles round). */
    public float[] toFloats() {
        float[] out = new float[count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) value(i);
        }
        return out;
    }

    /** All elements as doubles, exactly. */
    public double[] toDoubles() {
        double[] out = new double[count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(i);
        }
        return out;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A read-only, big-endian view of the elements' bytes (position 0). */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray a && a.type == type && Arrays.equals(a.shape, shape) && a.data.equals(data);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(shape) * 31 + type) * 31 + data.hashCode();
    }

    @Override
    public String toString() {
        return "IdxArray" + NpyHeader.format(Arrays.stream(shape).asLongStream().toArray()) + " of " + typeName(type);
    }
}
