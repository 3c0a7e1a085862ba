package org.toposcope.models.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.toposcope.core.ToposcopeException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A ResNet for small images as in He et al. (2016), section 4.2 (ResNet-20/32/44/56 for CIFAR-10): a 3x3
 * stem convolution with BN and ReLU, stages of basic blocks whose first block halves the resolution
 * (from the second stage on), global average pooling and a dense layer. Built with DJL's block API so
 * that {@link #forward(ParameterStore, NDArray, boolean, Capture)} can report every block's output by
 * name: {@code stem}, {@code stage1.block1} ... {@code pool}, {@code fc}, and on request the raw
 * convolution outputs ({@code stem.conv}, {@code stage1.block1.conv1}, ...). Shortcuts that change the
 * shape are a strided 1x1 convolution with BN (option B of the paper).
 */
public final class CifarResNet extends AbstractBlock {

    /**
     * @param depth    weighted layers, {@code 2 * blocks * stages + 2} (20 for three stages of three blocks)
     * @param widths   channels of each stage ({@code [16, 32, 64]})
     * @param channels input channels (1 for grey images)
     * @param classes  outputs of the dense layer
     */
    public record Architecture(int depth, List<Integer> widths, int channels, int classes) {

        public Architecture {
            widths = List.copyOf(widths);
            if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
                throw new ToposcopeException("a ResNet needs at least one stage of positive width, got widths " + widths);
            }
            int perBlock = 2 * widths.size();
            if (depth < perBlock + 2 || (depth - 2) % perBlock != 0) {
                throw new ToposcopeException("depth " + depth + " is not " + perBlock + "n+2 for " + widths.size()
                        + " stages (e.g. " + (perBlock * 3 + 2) + ")");
            }
            if (channels < 1 || classes < 2) {
                throw new ToposcopeException("a ResNet needs at least 1 input channel and 2 classes, got " + channels
                        + " and " + classes);
            }
        }

        /** ResNet-{@code depth} with widths 16, 32, 64 as in the paper. */
        public static Architecture standard(int depth, int channels, int classes) {
            return new Architecture(depth, List.of(16, 32, 64), channels, classes);
        }

        public int blocksPerStage() {
            return (depth - 2) / (2 * widths.size());
        }
    }

    private final Architecture architecture;
    private final Conv2d stemConv;
    private final BatchNorm stemBn;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final List<String> blockNames = new ArrayList<>();
    private final Linear fc;

    public CifarResNet(Architecture architecture) {
        this.architecture = architecture;
        List<Integer> widths = architecture.widths();
        stemConv = addChildBlock("stem-conv", conv(widths.get(0), 3, 1));
        stemBn = addChildBlock("stem-bn", BatchNorm.builder().build());
        int in = widths.get(0);
        for (int s = 0; s < widths.size(); s++) {
            for (int b = 0; b < architecture.blocksPerStage(); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                String name = "stage" + (s + 1) + ".block" + (b + 1);
                blocks.add(addChildBlock(name, new BasicBlock(in, widths.get(s), stride)));
                blockNames.add(name);
                in = widths.get(s);
            }
        }
        fc = addChildBlock("fc", Linear.builder().setUnits(architecture.classes()).build());
    }

    static Conv2d conv(int filters, int kernel, int stride) {
        // no bias: the BatchNorm that follows has its own shift
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }

    public Architecture architecture() {
        return architecture;
    }

    /**
     * Runs the network on {@code x} (N x C x H x W), reporting each named output to {@code capture} as it
     * is computed, and returns the logits (N x classes).
     */
    NDArray forward(ParameterStore store, NDArray x, boolean training, Capture capture) {
        NDArray c = BasicBlock.apply(stemConv, store, x, training);
        if (capture.convolutions()) {
            capture.layer("stem.conv", c);
        }
        NDArray h = Activation.relu(BasicBlock.apply(stemBn, store, c, training));
        capture.layer("stem", h);
        for (int i = 0; i < blocks.size(); i++) {
            h = blocks.get(i).run(store, h, training, blockNames.get(i), capture);
        }
        // PyTorch's mean in DJL takes one axis at a time: the mean over columns, then over rows
        NDArray pooled = h.mean(new int[] {3}).mean(new int[] {2});
        capture.layer("pool", pooled);
        NDArray logits = BasicBlock.apply(fc, store, pooled, training);
        capture.layer("fc", logits);
        return logits;
    }

    /**
     * Every reportable output in network order with one image's shape (C x H x W, or D for {@code pool}
     * and {@code fc}) for input images of {@code height} x {@code width}.
     */
    public Map<String, int[]> layerShapes(int height, int width, boolean convolutions) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        List<Integer> widths = architecture.widths();
        int h = height;
        int w = width;
        if (convolutions) {
            shapes.put("stem.conv", new int[] {widths.get(0), h, w});
        }
        shapes.put("stem", new int[] {widths.get(0), h, w});
        for (int i = 0; i < blocks.size(); i++) {
            int stage = i / architecture.blocksPerStage();
            int c = widths.get(stage);
            if (stage > 0 && i % architecture.blocksPerStage() == 0) {
                // a 3x3 convolution with padding 1 (or 1x1 without) and stride 2
                h = (h - 1) / 2 + 1;
                w = (w - 1) / 2 + 1;
            }
            String name = blockNames.get(i);
            if (convolutions) {
                shapes.put(name + ".conv1", new int[] {c, h, w});
                shapes.put(name + ".conv2", new int[] {c, h, w});
                if (blocks.get(i).hasShortcut()) {
                    shapes.put(name + ".shortcut", new int[] {c, h, w});
                }
            }
            shapes.put(name, new int[] {c, h, w});
        }
        shapes.put("pool", new int[] {widths.get(widths.size() - 1)});
        shapes.put("fc", new int[] {architecture.classes()});
        return shapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training, Capture.NONE));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), architecture.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stemConv.initialize(manager, dataType, inputShapes);
        Shape[] shape = stemConv.getOutputShapes(inputShapes);
        stemBn.initialize(manager, dataType, shape);
        for (BasicBlock block : blocks) {
            block.initialize(manager, dataType, shape);
            shape = block.getOutputShapes(shape);
        }
        fc.initialize(manager, dataType, new Shape(shape[0].get(0), shape[0].get(1)));
    }
}
