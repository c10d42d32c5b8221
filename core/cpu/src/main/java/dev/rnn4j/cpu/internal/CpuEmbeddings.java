package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.EmbeddingOps;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/** Row gather from an embedding table and its scatter-add gradient; every id is checked before any write. */
final class CpuEmbeddings implements EmbeddingOps {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    @Override
    public void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        String op = "embeddingGather";
        requireArgs(op, table, "table", ids, out, "out");
        HostView vt = new HostView(table);
        HostView vo = new HostView(out);
        if (HostView.contiguous(vt, vo)) {
            forEachRow(ids, table.dim(1), (tableRow, rowsRow, width) -> MemorySegment.copy(vt.segment, vt.byteAt(tableRow), vo.segment, vo.byteAt(rowsRow), width * Float.BYTES));
            return;
        }
        forEachElement(ids, table.dim(1), (tableAt, rowsAt) -> vo.set(rowsAt, vt.get(tableAt)));
    }

    @Override
    public void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        String op = "embeddingScatterAdd";
        requireArgs(op, dTable, "dTable", ids, dOut, "dOut");
        HostView vt = new HostView(dTable);
        HostView vo = new HostView(dOut);
        if (HostView.contiguous(vt, vo)) {
            forEachRow(ids, dTable.dim(1), (tableRow, rowsRow, width) -> addRow(vo, rowsRow, vt, tableRow, width));
            return;
        }
        forEachElement(ids, dTable.dim(1), (tableAt, rowsAt) -> vt.set(tableAt, vt.get(tableAt) + vo.get(rowsAt)));
    }

    private interface ElementPair {
        void visit(long tableAt, long rowsAt);
    }

    /** Visits table[ids[p], d] with rows[p, d] (as row-major element indices), for every position p and d < width. */
    private static void forEachElement(Tensor ids, long width, ElementPair pair) {
        HostView vi = new HostView(ids);
        for (long p = 0; p < vi.size; p++) {
            long row = vi.getInt(p);
            for (long d = 0; d < width; d++) pair.visit(row * width + d, p * width + d);
        }
    }

    private interface RowPair {
        void visit(long tableRow, long rowsRow, long width);
    }

    /** Visits the rows table[ids[p]] and rows[p] (as element indices of their first elements), for every position p in order. */
    private static void forEachRow(Tensor ids, long width, RowPair pair) {
        HostView vi = new HostView(ids);
        for (long p = 0; p < vi.size; p++) pair.visit(vi.getInt(p) * width, p * width, width);
    }

    /**
     * dst[to, to + width) += src[from, from + width) for contiguous views, vectorized: whole lane blocks unmasked
     * (the next position often adds to the same table row, and a masked store does not forward to the next load).
     */
    private static void addRow(HostView src, long from, HostView dst, long to, long width) {
        long whole = width - width % GateVectors.LANES;
        for (long k = 0; k < whole; k += GateVectors.LANES) {
            long at = dst.byteAt(to + k);
            FloatVector sum = FloatVector.fromMemorySegment(GateVectors.S, dst.segment, at, NATIVE)
                    .add(FloatVector.fromMemorySegment(GateVectors.S, src.segment, src.byteAt(from + k), NATIVE));
            sum.intoMemorySegment(dst.segment, at, NATIVE);
        }
        if (whole < width) {
            VectorMask<Float> tail = GateVectors.S.indexInRange(0, (int) (width - whole));
            long at = dst.byteAt(to + whole);
            GateVectors.store(GateVectors.load(dst.segment, at, tail).add(GateVectors.load(src.segment, src.byteAt(from + whole), tail)), dst.segment, at, tail);
        }
    }

    /** table [V, D] float32, ids int32 of any shape with every id in [0, V), rows of shape ids.shape + [D]. */
    private static void requireArgs(String op, Tensor table, String tableName, Tensor ids, Tensor rows, String rowsName) {
        Require.floats(op, tableName, table);
        Require.ints(op, "ids", ids);
        Require.floats(op, rowsName, rows);
        Require.rank(op, tableName, table, 2);
        long[] idShape = ids.shape();
        long[] expected = Arrays.copyOf(idShape, idShape.length + 1);
        expected[idShape.length] = table.dim(1);
        if (!Arrays.equals(expected, rows.shape())) {
            throw new IllegalArgumentException(op + ": " + rowsName + " shape " + Shapes.toString(rows.shape()) + " must be ids shape plus the width: "
                    + Shapes.toString(expected));
        }
        long vocab = table.dim(0);
        HostView vi = new HostView(ids);
        for (long p = 0; p < vi.size; p++) {
            int id = vi.getInt(p);
            if (id < 0 || id >= vocab) {
                throw new IndexOutOfBoundsException(op + ": id " + id + " at position " + p + " is outside [0, " + vocab + ") of " + tableName + " " + table.describe());
            }
        }
    }
}
