package org.toposcope.models.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The basic residual block of He et al. (2016): conv3x3-BN-ReLU-conv3x3-BN, plus the input (through a
 * strided 1x1 conv and BN when the shape changes), then ReLU.
 */
final class BasicBlock extends AbstractBlock {

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final Conv2d shortcutConv;
    private final BatchNorm shortcutBn;

    BasicBlock(int inChannels, int outChannels, int stride) {
        conv1 = addChildBlock("conv1", CifarResNet.conv(outChannels, 3, stride));
        bn1 = addChildBlock("bn1", BatchNorm.builder().build());
        conv2 = addChildBlock("conv2", CifarResNet.conv(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", BatchNorm.builder().build());
        if (stride != 1 || inChannels != outChannels) {
            shortcutConv = addChildBlock("shortcut", CifarResNet.conv(outChannels, 1, stride));
            shortcutBn = addChildBlock("shortcut-bn", BatchNorm.builder().build());
        } else {
            shortcutConv = null;
            shortcutBn = null;
        }
    }

    boolean hasShortcut() {
        return shortcutConv != null;
    }

    /** The block's output; reports {@code name.conv1}, {@code name.conv2}, {@code name.shortcut} when asked. */
    NDArray run(ParameterStore store, NDArray x, boolean training, String name, Capture capture) {
        NDArray c1 = apply(conv1, store, x, training);
        if (capture.convolutions()) {
            capture.layer(name + ".conv1", c1);
        }
        NDArray h = Activation.relu(apply(bn1, store, c1, training));
        NDArray c2 = apply(conv2, store, h, training);
        if (capture.convolutions()) {
            capture.layer(name + ".conv2", c2);
        }
        NDArray residual = apply(bn2, store, c2, training);
        NDArray identity = x;
        if (shortcutConv != null) {
            NDArray s = apply(shortcutConv, store, x, training);
            if (capture.convolutions()) {
                capture.layer(name + ".shortcut", s);
            }
            identity = apply(shortcutBn, store, s, training);
        }
        NDArray out = Activation.relu(residual.add(identity));
        capture.layer(name, out);
        return out;
    }

    static NDArray apply(ai.djl.nn.Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(run(store, inputs.singletonOrThrow(), training, "block", Capture.NONE));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv1.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] mid = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, mid);
        conv2.initialize(manager, dataType, mid);
        bn2.initialize(manager, dataType, conv2.getOutputShapes(mid));
        if (shortcutConv != null) {
            shortcutConv.initialize(manager, dataType, inputShapes);
            shortcutBn.initialize(manager, dataType, shortcutConv.getOutputShapes(inputShapes));
        }
    }
}
