package org.toposcope.models.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A TorchScript module on DJL's PyTorch engine. Layers come from what {@code forward} returns: every
 * entry of a {@code Dict[str, Tensor]}, every element of a tuple or list, or the one tensor of a plain
 * model ({@code output}). An exported {@code layer_names()} method names tuple elements and fixes the
 * order; without it dict layers are sorted by key and tuple elements are {@code output0, output1, ...}.
 * An exported {@code input_shape()} method gives the image shape [C, H, W].
 */
public final class TorchScriptModel extends FileModel {

    private static final String LAYER_NAMES = "layer_names";
    private static final String INPUT_SHAPE = "input_shape";

    private final int threads;
    private final PtNDManager manager;
    private final PtSymbolBlock block;
    private final List<String> exportedNames;

    private TorchScriptModel(String file, int threads, PtNDManager manager, PtSymbolBlock block, Set<String> methods) {
        super(file, methods.contains(INPUT_SHAPE) ? Optional.of(callInputShape(file, block)) : Optional.empty());
        this.threads = threads;
        this.manager = manager;
        this.block = block;
        this.exportedNames = methods.contains(LAYER_NAMES) ? callLayerNames(file, block) : List.of();
    }

    /** Loads a file already known to be a TorchScript archive. */
    public static TorchScriptModel load(Path path, Engine engine, int threads) {
        String file = ModelFiles.name(path);
        return DjlRuntime.call(() -> {
            PtNDManager manager = (PtNDManager) engine.newBaseManager(Device.cpu());
            try {
                PtSymbolBlock block = JniUtils.loadModule(manager, path.toAbsolutePath(), true, new String[0], new String[0], false);
                JniUtils.enableInferenceMode(block);
                return new TorchScriptModel(file, Activations.threads(threads), manager, block,
                        new HashSet<>(Arrays.asList(JniUtils.getMethodNames(block))));
            } catch (EngineException | IllegalArgumentException e) {
                manager.close();
                throw new ToposcopeException(file + ": not a loadable TorchScript module: " + ModelFiles.oneLine(e.getMessage()), e);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        });
    }

    @Override
    Map<String, LayerActivations> run(ImageBatch batch, int[] imageShape) {
        return DjlRuntime.call(() -> {
            if (JniUtils.getNumThreads() != threads) {
                JniUtils.setNumThreads(threads); // process-wide in libtorch, so set it for this model's batches
            }
            // One child manager per batch: every native tensor of the batch is freed when it closes.
            try (NDManager batchManager = manager.newSubManager()) {
                int[] s = batch.shape();
                PtNDArray input = (PtNDArray) batchManager.create(batch.values(), new Shape(s[0], s[1], s[2], s[3]));
                try (IValue in = IValue.from(input); IValue out = block.forward(in)) {
                    return collect(out, (PtNDManager) batchManager, batch);
                }
            } catch (EngineException e) {
                throw new ToposcopeException(file + ": forward failed for images of shape " + Arrays.toString(imageShape)
                        + ": " + ModelFiles.oneLine(e.getMessage()), e);
            }
        });
    }

    private Map<String, LayerActivations> collect(IValue out, PtNDManager batchManager, ImageBatch batch) {
        Map<String, LayerActivations> result = new LinkedHashMap<>();
        if (out.isTensor()) {
            result.put("output", Activations.copy(file, "output", out.toTensor(batchManager), batch));
        } else if (out.isMap()) {
            Map<String, IValue> byKey = new TreeMap<>(out.toIValueMap());
            try {
                for (String layer : order(byKey.keySet())) {
                    IValue v = byKey.get(layer);
                    if (!v.isTensor()) {
                        throw new ToposcopeException(file + ": forward's entry '" + layer + "' is a " + v.getType() + ", not a tensor");
                    }
                    result.put(layer, Activations.copy(file, layer, v.toTensor(batchManager), batch));
                }
            } finally {
                byKey.values().forEach(IValue::close);
            }
        } else if (out.isTuple() || out.isTensorList() || out.isList()) {
            IValue[] parts = out.isTuple() ? out.toIValueTuple() : out.toIValueArray();
            try {
                List<String> names = elementNames(parts.length);
                for (int i = 0; i < parts.length; i++) {
                    if (!parts[i].isTensor()) {
                        throw new ToposcopeException(file + ": forward's element " + i + " is a " + parts[i].getType() + ", not a tensor");
                    }
                    result.put(names.get(i), Activations.copy(file, names.get(i), parts[i].toTensor(batchManager), batch));
                }
            } finally {
                Arrays.stream(parts).forEach(IValue::close);
            }
        } else {
            throw new ToposcopeException(file + ": forward returns " + out.getType()
                    + "; expected a tensor, a tuple of tensors or Dict[str, Tensor]");
        }
        return result;
    }

    /** Dict keys in the exported order when layer_names() exists (it must list exactly the keys), else sorted. */
    private List<String> order(Set<String> keys) {
        if (exportedNames.isEmpty()) {
            return List.copyOf(keys);
        }
        if (!new HashSet<>(exportedNames).equals(keys) || exportedNames.size() != keys.size()) {
            throw new ToposcopeException(file + ": layer_names() lists " + exportedNames + " but forward returns " + keys);
        }
        return exportedNames;
    }

    private List<String> elementNames(int count) {
        if (!exportedNames.isEmpty()) {
            if (exportedNames.size() != count) {
                throw new ToposcopeException(file + ": layer_names() lists " + exportedNames.size()
                        + " names but forward returns " + count + " tensors");
            }
            return exportedNames;
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("output" + i);
        }
        return names;
    }

    private static List<String> callLayerNames(String file, PtSymbolBlock block) {
        try (IValue v = IValueUtils.runMethod(block, LAYER_NAMES)) {
            if (!v.isList()) {
                throw new ToposcopeException(file + ": layer_names() returns " + v.getType() + ", not List[str]");
            }
            IValue[] items = v.toIValueArray();
            List<String> names = new ArrayList<>(items.length);
            for (IValue item : items) {
                try (item) {
                    if (!item.isString()) {
                        throw new ToposcopeException(file + ": layer_names() returns " + v.getType() + ", not List[str]");
                    }
                    names.add(item.toStringValue());
                }
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new ToposcopeException(file + ": layer_names() lists a name twice: " + names);
            }
            return List.copyOf(names);
        } catch (EngineException e) {
            throw new ToposcopeException(file + ": layer_names() failed: " + ModelFiles.oneLine(e.getMessage()), e);
        }
    }

    private static int[] callInputShape(String file, PtSymbolBlock block) {
        try (IValue v = IValueUtils.runMethod(block, INPUT_SHAPE)) {
            long[] dims = v.isLongList() ? v.toLongArray() : new long[0];
            if (dims.length != 3 || Arrays.stream(dims).anyMatch(d -> d <= 0 || d > Integer.MAX_VALUE)) {
                throw new ToposcopeException(file + ": input_shape() must return [C, H, W], returns "
                        + (v.isLongList() ? Arrays.toString(dims) : v.getType()));
            }
            return new int[] {(int) dims[0], (int) dims[1], (int) dims[2]};
        } catch (EngineException e) {
            throw new ToposcopeException(file + ": input_shape() failed: " + ModelFiles.oneLine(e.getMessage()), e);
        }
    }

    @Override
    void release() {
        block.close();
        manager.close();
    }
}
