package dev.rnn4j.cuda;

import dev.rnn4j.backend.EmbeddingOps;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/** Embedding gather and scatter-add; ids are read back and range-checked on the host before any launch. */
final class CudaEmbeddings implements EmbeddingOps {

    private final CudaContext cuda;

    CudaEmbeddings(CudaContext cuda) {
        this.cuda = cuda;
    }

    /** Checks table [V, W], ids and rows (ids' shape + [W]); returns the number of ids after validating their values. */
    private long check(String op, Tensor table, String tableName, Tensor ids, Tensor rows, String rowsName) {
        DeviceOperands.floats(cuda.device, op, tableName, table);
        DeviceOperands.ints(cuda.device, op, "ids", ids);
        DeviceOperands.floats(cuda.device, op, rowsName, rows);
        if (table.rank() != 2) throw new IllegalArgumentException(op + ": " + tableName + " must be [vocab, width], is " + table.describe());
        long[] expected = Arrays.copyOf(ids.shape(), ids.rank() + 1);
        expected[ids.rank()] = table.dim(1);
        DeviceOperands.shape(op, rowsName, rows, expected);
        cuda.enter(op);
        long count = ids.elementCount();
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(op + ": too many ids " + count);
        if (count > 0) DeviceOperands.checkIds(op, "ids", cuda.staging.readInts(ids.address(), (int) count), table.dim(0), null);
        return count;
    }

    @Override
    public void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        long count = check("embeddingGather", table, "table", ids, out, "out");
        long width = table.dim(1);
        if (count * width == 0) return;
        cuda.kernels.launch(Kernel.EMBEDDING_GATHER, LaunchConfig.elementwise(count * width), cuda.stream, table.address(), ids.address(), out.address(), count, width);
    }

    @Override
    public void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        long count = check("embeddingScatterAdd", dTable, "dTable", ids, dOut, "dOut");
        long width = dTable.dim(1);
        if (count * width == 0) return;
        cuda.kernels.launch(Kernel.EMBEDDING_SCATTER_ADD, LaunchConfig.elementwise(count * width), cuda.stream, dOut.address(), ids.address(), dTable.address(), count, width);
    }
}
