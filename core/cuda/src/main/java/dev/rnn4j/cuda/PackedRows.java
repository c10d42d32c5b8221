package dev.rnn4j.cuda;

import dev.rnn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * How a view with stride 1 along its last axis maps onto the packed (row-major, contiguous) tensor of its
 * shape: as few runs of adjacent elements as possible (one per row, merged where consecutive rows are
 * adjacent in the view too), each a single device-to-device copy.
 */
final class PackedRows {

    /** {@code elements} elements from element {@code view} of the view's segment to element {@code packed} of the packed tensor. */
    record Run(long view, long packed, long elements) {
    }

    private PackedRows() {
    }

    static List<Run> runs(Tensor view) {
        long[] shape = view.shape();
        long[] strides = view.strides();
        int rank = shape.length;
        long count = view.elementCount();
        List<Run> runs = new ArrayList<>();
        if (count == 0) return runs;
        if (rank == 0) {
            runs.add(new Run(view.offset(), 0, 1));
            return runs;
        }
        long width = shape[rank - 1];
        if (width > 1 && strides[rank - 1] != 1) {
            throw new IllegalArgumentException("packing " + view.describe() + ": its last axis must have stride 1, has " + strides[rank - 1]);
        }
        long rows = count / width;
        long[] index = new long[rank - 1];
        long at = view.offset();
        for (long r = 0; r < rows; r++) {
            Run last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && last.view() + last.elements() == at) {
                runs.set(runs.size() - 1, new Run(last.view(), last.packed(), last.elements() + width));
            } else {
                runs.add(new Run(at, r * width, width));
            }
            for (int d = rank - 2; d >= 0; d--) {
                at += strides[d];
                if (++index[d] < shape[d]) break;
                at -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return runs;
    }
}
