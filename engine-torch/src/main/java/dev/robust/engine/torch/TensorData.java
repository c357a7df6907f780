package dev.robust.engine.torch;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Copies between Java arrays and contiguous float tensors, through the tensor's own memory. */
final class TensorData {

    private TensorData() {
    }

    /** A new contiguous float tensor of {@code shape} holding {@code values} (row-major). */
    static Tensor floats(float[] values, long... shape) {
        Tensor tensor = torch.empty(shape, new TensorOptions(ScalarType.Float), new MemoryFormatOptional());
        write(tensor, values, 0);
        return tensor;
    }

    /**
     * Copies {@code tensor.numel()} values, in row-major order of the tensor's shape, from {@code source[offset..]}
     * into the tensor: straight into its memory when it is contiguous, else (a channels-last weight) through a
     * contiguous copy.
     */
    static void write(Tensor tensor, float[] source, int offset) {
        if (!tensor.is_contiguous()) {
            int count = (int) tensor.numel();
            Tensor rowMajor = floats(Arrays.copyOfRange(source, offset, offset + count), tensor.sizes().vec().get());
            try (NoGradGuard noGrad = new NoGradGuard()) {
                tensor.copy_(rowMajor);
            }
            return;
        }
        requireContiguousFloat(tensor);
        try (FloatPointer memory = new FloatPointer(tensor.data_ptr())) {
            memory.put(source, offset, (int) tensor.numel());
        }
    }

    /** Copies the tensor's values, row-major, into {@code target[offset..]}; returns the offset after them. */
    static int read(Tensor tensor, float[] target, int offset) {
        if (!tensor.is_contiguous()) {
            return read(tensor.contiguous(), target, offset);
        }
        requireContiguousFloat(tensor);
        int count = (int) tensor.numel();
        try (FloatPointer memory = new FloatPointer(tensor.data_ptr())) {
            memory.get(target, offset, count);
        }
        return offset + count;
    }

    /** The tensor's values as a new array, made contiguous first when needed. */
    static float[] toArray(Tensor tensor) {
        Tensor contiguous = tensor.contiguous();
        float[] values = new float[(int) contiguous.numel()];
        read(contiguous, values, 0);
        return values;
    }

    private static void requireContiguousFloat(Tensor tensor) {
        if (tensor.scalar_type().value != ScalarType.Float.value || !tensor.is_contiguous()) {
            throw new IllegalStateException("expected a contiguous float tensor, got " + tensor.scalar_type()
                    + (tensor.is_contiguous() ? "" : " (not contiguous)"));
        }
    }
}
