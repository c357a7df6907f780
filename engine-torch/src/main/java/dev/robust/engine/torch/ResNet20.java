package dev.robust.engine.torch;

import static dev.robust.engine.torch.Convolution.SAME;
import static dev.robust.engine.torch.Initialisation.HE_NORMAL;

import dev.robust.engine.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The CIFAR ResNet-20 of He et al. as the DL4J engine builds it: 3 stages of 3 basic blocks (16/32/64 filters),
 * 1×1 projection shortcuts where the shape changes, "same" padding, He-normal initialisation; 274,042 parameters
 * for 10 classes, batch-norm statistics included.
 */
final class ResNet20 extends Network {

    static final String NAME = "resnet20";

    private final ConvBn stem;
    private final List<Block> blocks = new ArrayList<>();
    private final Dense logits;

    ResNet20(ModelSpec spec) {
        super(spec);
        stem = convBn(conv("stem_conv", spec.channels(), 16, 3, 1, SAME, false, HE_NORMAL),
                batchNorm("stem_bn", 16, true));
        int inputFilters = 16;
        for (int stage = 0; stage < 3; stage++) {
            int filters = 16 << stage;
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.add(new Block("stage" + (stage + 1) + "_block" + (block + 1), inputFilters, filters, stride));
                inputFilters = filters;
            }
        }
        logits = logits(64);
    }

    @Override
    Tensor forward(Tensor scaledPixels, Pass pass) {
        Tensor x = stem.forward(scaledPixels, pass);
        for (Block block : blocks) {
            x = block.forward(x, pass);
        }
        return logits.forward(x.mean(new long[] {2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    @Override
    void export(OnnxExport export, OnnxExport.Value input) {
        OnnxExport.Value x = export.convBn(stem, input);
        for (Block block : blocks) {
            x = block.export(export, x);
        }
        export.logits(x, logits);
    }

    /** conv-BN-ReLU, conv-BN, plus the (projected) input, then ReLU. */
    private final class Block {
        private final ConvBn first;
        private final ConvBn second;
        private final ConvBn projection;

        Block(String name, int inputFilters, int filters, int stride) {
            first = convBn(conv(name + "_1_conv", inputFilters, filters, 3, stride, SAME, false, HE_NORMAL),
                    batchNorm(name + "_1_bn", filters, true));
            second = convBn(conv(name + "_2_conv", filters, filters, 3, 1, SAME, false, HE_NORMAL),
                    batchNorm(name + "_2_bn", filters, false));
            projection = stride != 1 || inputFilters != filters
                    ? convBn(conv(name + "_0_conv", inputFilters, filters, 1, stride, SAME, false, HE_NORMAL),
                            batchNorm(name + "_0_bn", filters, false))
                    : null;
        }

        OnnxExport.Value export(OnnxExport export, OnnxExport.Value input) {
            OnnxExport.Value residual = export.convBn(second, export.convBn(first, input));
            OnnxExport.Value shortcut = projection == null ? input : export.convBn(projection, input);
            return export.relu(export.add(residual, shortcut));
        }

        Tensor forward(Tensor input, Pass pass) {
            Tensor residual = second.forward(first.forward(input, pass), pass);
            Tensor shortcut = projection == null ? input : projection.forward(input, pass);
            // Batch norm's backward pass does not read its output, so the sum may overwrite it (and a folded
            // convolution's output is a fresh tensor no pass reads again).
            return torch.relu_(residual.add_(shortcut));
        }
    }
}
