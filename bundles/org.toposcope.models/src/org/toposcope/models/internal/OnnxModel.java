package org.toposcope.models.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * An ONNX graph on DJL's ONNX Runtime engine. Every graph output is a layer, named as in the graph and
 * in the graph's output order; the graph must have one image input (N x C x H x W). Its C, H, W, when
 * fixed in the graph, are the input shape.
 */
public final class OnnxModel extends FileModel {

    private final OrtNDManager manager;
    private final OrtSymbolBlock block;

    private OnnxModel(String file, OrtNDManager manager, OrtSymbolBlock block, Optional<int[]> inputShape) {
        super(file, inputShape);
        this.manager = manager;
        this.block = block;
    }

    public static OnnxModel load(Path path, Engine engine, int threads) {
        String file = ModelFiles.name(path);
        return DjlRuntime.call(() -> {
            OrtNDManager manager = (OrtNDManager) engine.newBaseManager(Device.cpu());
            OrtSession session = null;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Activations.threads(threads));
                options.setInterOpNumThreads(1);
                session = OrtEnvironment.getEnvironment().createSession(path.toAbsolutePath().toString(), options);
                Optional<int[]> shape = imageInput(file, session);
                return new OnnxModel(file, manager, new OrtSymbolBlock(session, manager), shape);
            } catch (OrtException e) {
                manager.close();
                throw new ToposcopeException(file + ": not a loadable ONNX model: " + ModelFiles.oneLine(e.getMessage()), e);
            } catch (RuntimeException e) {
                if (session != null) {
                    closeQuietly(session);
                }
                manager.close();
                throw e;
            }
        });
    }

    private static Optional<int[]> imageInput(String file, OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new ToposcopeException(file + ": the graph has inputs " + inputs.keySet() + "; Toposcope feeds one image input");
        }
        NodeInfo input = inputs.values().iterator().next();
        if (!(input.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 4) {
            throw new ToposcopeException(file + ": input '" + input.getName() + "' is " + input.getInfo() + ", not an N x C x H x W tensor");
        }
        long[] dims = tensor.getShape();
        if (dims[1] <= 0 || dims[2] <= 0 || dims[3] <= 0) {
            return Optional.empty(); // symbolic axes: any image size the graph accepts
        }
        return Optional.of(new int[] {(int) dims[1], (int) dims[2], (int) dims[3]});
    }

    @Override
    Map<String, LayerActivations> run(ImageBatch batch, int[] imageShape) {
        return DjlRuntime.call(() -> {
            // One child manager per batch: the input and every output tensor are freed when it closes.
            try (NDManager batchManager = manager.newSubManager()) {
                int[] s = batch.shape();
                NDArray input = batchManager.create(batch.values(), new Shape(s[0], s[1], s[2], s[3]));
                NDList outputs = block.forward(new ParameterStore(batchManager, false), new NDList(input), false);
                Map<String, LayerActivations> result = new LinkedHashMap<>();
                for (NDArray output : outputs) {
                    if (result.containsKey(output.getName())) {
                        throw new ToposcopeException(file + ": two graph outputs are named '" + output.getName() + "'");
                    }
                    result.put(output.getName(), Activations.copy(file, output.getName(), output, batch));
                }
                return result;
            } catch (EngineException e) {
                throw new ToposcopeException(file + ": forward failed for images of shape " + Arrays.toString(imageShape)
                        + ": " + ModelFiles.oneLine(rootMessage(e)), e);
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // already failing; the first error is the one to report
        }
    }

    @Override
    void release() {
        block.close();
        manager.close();
    }
}
