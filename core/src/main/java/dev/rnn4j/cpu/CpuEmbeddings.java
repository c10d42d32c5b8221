package dev.rnn4j.cpu;

import dev.rnn4j.backend.EmbeddingOps;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/** Row gather from an embedding table and its scatter-add gradient; every id is checked before any write. */
final class CpuEmbeddings implements EmbeddingOps {

    @Override
    public void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        String op = "embeddingGather";
        requireArgs(op, table, "table", ids, out, "out");
        HostView vt = new HostView(table);
        HostView vo = new HostView(out);
        forEachElement(ids, table.dim(1), (tableAt, rowsAt) -> vo.set(rowsAt, vt.get(tableAt)));
    }

    @Override
    public void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        String op = "embeddingScatterAdd";
        requireArgs(op, dTable, "dTable", ids, dOut, "dOut");
        HostView vt = new HostView(dTable);
        HostView vo = new HostView(dOut);
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
