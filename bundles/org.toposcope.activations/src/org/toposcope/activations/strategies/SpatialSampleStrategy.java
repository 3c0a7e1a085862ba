package org.toposcope.activations.strategies;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Every spatial activation of every image, subsampled uniformly without replacement to {@code count}
 * rows. Each activation gets a random key from (seed, image id, position) and the {@code count}
 * smallest keys are kept in a heap (bottom-k sampling), so memory is {@code count} rows and the
 * sample does not depend on the batching. Rows come out in (image, position) order.
 */
@Component(service = PointCloudStrategy.class)
public final class SpatialSampleStrategy extends BaseStrategy {

    public static final String ID = "spatial-sample";

    static final ParameterSpec COUNT = ParameterSpec.integer("count", 80_000,
            "rows kept from all spatial activations of all images (the paper used 80000)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a uniform sample of count spatial activations over all images and positions (count x C)";
    }

    @Override
    boolean needsPositions() {
        return true;
    }

    @Override
    List<ParameterSpec> ownParameters() {
        return List.of(COUNT, SEED);
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        int count = parameters.integer("count");
        long seed = parameters.integer("seed");
        if (count < 1) {
            throw new ToposcopeException(layer + ": " + ID + " needs count >= 1, got " + count);
        }
        return new Collector(layer, parameters) {
            private int channels;
            private float[] kept;        // slot-major C-vectors
            private long[] keys;         // key of each slot
            private long[] where;        // global index image * P + position of each slot
            private int[] labelOf;
            private int[] heap;          // slots as a max-heap by key
            private int size;

            @Override
            void started(Layout l) {
                channels = l.channels();
                int initial = Math.min(count, 1024);
                kept = new float[Math.multiplyExact(initial, channels)];
                keys = new long[initial];
                where = new long[initial];
                labelOf = new int[initial];
                heap = new int[initial];
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int p = layout.positions();
                for (int i = 0; i < n; i++) {
                    for (int q = 0; q < p; q++) {
                        long index = (long) (first + i) * p + q;
                        long key = Seeds.of(seed, index) >>> 1;
                        int slot;
                        if (size < count) {
                            if (size == keys.length) {
                                grow();
                            }
                            slot = size;
                            heap[size] = slot;
                            size++;
                            put(slot, key, index, labels[i], v, i * channels * p + q, p);
                            siftUp(size - 1);
                        } else if (before(key, index, keys[heap[0]], where[heap[0]])) {
                            slot = heap[0];
                            put(slot, key, index, labels[i], v, i * channels * p + q, p);
                            siftDown(0);
                        }
                    }
                }
            }

            private void put(int slot, long key, long index, int label, float[] v, int offset, int stride) {
                keys[slot] = key;
                where[slot] = index;
                labelOf[slot] = label;
                int at = slot * channels;
                for (int k = 0; k < channels; k++) {
                    kept[at + k] = v[offset + k * stride];
                }
            }

            private void grow() {
                int capacity = (int) Math.min(count, 2L * keys.length);
                kept = Arrays.copyOf(kept, Math.multiplyExact(capacity, channels));
                keys = Arrays.copyOf(keys, capacity);
                where = Arrays.copyOf(where, capacity);
                labelOf = Arrays.copyOf(labelOf, capacity);
                heap = Arrays.copyOf(heap, capacity);
            }

            // keys are ordered by value, equal keys (rare) by index, so the sample is a function of the keys alone
            private boolean before(long key, long index, long otherKey, long otherIndex) {
                return key < otherKey || (key == otherKey && index < otherIndex);
            }

            private boolean above(int a, int b) {
                return before(keys[heap[b]], where[heap[b]], keys[heap[a]], where[heap[a]]);
            }

            private void siftUp(int i) {
                while (i > 0) {
                    int parent = (i - 1) / 2;
                    if (!above(i, parent)) {
                        return;
                    }
                    swap(i, parent);
                    i = parent;
                }
            }

            private void siftDown(int i) {
                while (true) {
                    int left = 2 * i + 1;
                    int largest = i;
                    if (left < size && above(left, largest)) {
                        largest = left;
                    }
                    if (left + 1 < size && above(left + 1, largest)) {
                        largest = left + 1;
                    }
                    if (largest == i) {
                        return;
                    }
                    swap(i, largest);
                    i = largest;
                }
            }

            private void swap(int a, int b) {
                int t = heap[a];
                heap[a] = heap[b];
                heap[b] = t;
            }

            @Override
            Rows rows() {
                Integer[] slots = new Integer[size];
                for (int s = 0; s < size; s++) {
                    slots[s] = s;
                }
                Arrays.sort(slots, (a, b) -> Long.compare(where[a], where[b]));
                int p = layout.positions();
                Rows rows = new Rows(channels, size);
                for (int s : slots) {
                    int position = (int) (where[s] % p);
                    int at = rows.append((int) (where[s] / p), labelOf[s], position / layout.width(), position % layout.width());
                    double[] out = rows.coordinates();
                    for (int k = 0; k < channels; k++) {
                        out[at + k] = kept[s * channels + k];
                    }
                }
                return rows;
            }
        };
    }
}
