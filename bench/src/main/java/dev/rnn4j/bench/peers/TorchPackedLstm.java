package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The PyTorch side of a ragged LSTM batch the way PyTorch users skip padding: {@code pack_padded_sequence} →
 * {@code torch.lstm} on the packed data → {@code pad_packed_sequence}, i.e. the ops nn.LSTM runs on a
 * PackedSequence ({@code aten::_pack_padded_sequence}, {@code aten::lstm.data}, {@code aten::_pad_packed_sequence}).
 * DJL has no call for packed sequences, so these run in a TorchScript module written here (its source is the
 * {@link #SOURCE} below, serialized as TorchScript's archive: the code, a pickled module object with no
 * parameters, and the format version) and loaded through DJL; the weights are its inputs. Lengths must be
 * sorted longest first (enforce_sorted). Sequence-major like the other sides; y is zero past each length.
 */
public final class TorchPackedLstm extends TorchRnnSide {

    /** TorchScript: the module's forward, with the layer count and direction filled in. */
    private static final String SOURCE = """
            class PackedLstm(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PackedLstm,
                x: Tensor,
                lengths: Tensor,
                h0: Tensor,
                c0: Tensor,
                params: List[Tensor]) -> Tensor:
                data, batch_sizes = torch._pack_padded_sequence(x, lengths, False)
                y, hy, cy = torch.lstm(data, batch_sizes, [h0, c0], params, True, %d, 0., self.training, %s)
                padded, lens = torch._pad_packed_sequence(y, batch_sizes, False, 0., torch.size(x, 0))
                return padded
            """;

    /** The pickled module object: an instance of __torch__.PackedLstm whose state is {training: True}. */
    private static final byte[] MODULE_PICKLE = concat(
            new byte[] {(byte) 0x80, 2}, "c__torch__\nPackedLstm\nq\u0000)\u0081}q\u0001X".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {8, 0, 0, 0}, "trainingq\u0002\u0088sb.".getBytes(StandardCharsets.ISO_8859_1));
    /** An empty tuple: the module has no constants. */
    private static final byte[] EMPTY_TUPLE_PICKLE = {(byte) 0x80, 2, ')', '.'};

    private final PtSymbolBlock module;
    private final NDList inputs;

    /** {@code lengths}: per sequence, non-increasing. */
    public TorchPackedLstm(NDManager parent, RnnProblem problem, int[] lengths) {
        super(parent, requirePackable(problem, lengths));
        try {
            this.module = JniUtils.loadModule((PtNDManager) manager, archive(rnn.numLayers(), rnn.bidirectional()), false, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot load the packed-sequence TorchScript module", e);
        }
        long[] longLengths = new long[lengths.length];
        for (int b = 0; b < lengths.length; b++) longLengths[b] = lengths[b];
        // DJL passes arrays named "name[]" as one List[Tensor] argument
        params.forEach(p -> p.setName("params[]"));
        this.inputs = new NDList(x, manager.create(longLengths), h0, c0);
        inputs.addAll(params);
    }

    private static RnnProblem requirePackable(RnnProblem problem, int[] lengths) {
        RnnDescriptor rnn = problem.descriptor();
        if (rnn.mode() != RnnMode.LSTM || !TorchWeights.hasBiases(rnn)) {
            throw new IllegalArgumentException("the packed PyTorch side runs LSTMs with biases, not " + rnn);
        }
        for (int b = 1; b < lengths.length; b++) {
            if (lengths[b] > lengths[b - 1]) throw new IllegalArgumentException("lengths must be sorted longest first: " + Arrays.toString(lengths));
        }
        return problem;
    }

    /** The module's forward; with {@code training} false under no_grad (DJL's flag), else recording autograd. */
    @Override
    protected NDArray run(boolean training) {
        return IValueUtils.forward(module, inputs, training).get(0);
    }

    /** The TorchScript archive of the module for {@code layers} layers, bidirectional or not. */
    static ByteArrayInputStream archive(int layers, boolean bidirectional) {
        String code = String.format(Locale.ROOT, SOURCE, layers, bidirectional ? "True" : "False");
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            stored(zip, "packed/data.pkl", MODULE_PICKLE);
            stored(zip, "packed/constants.pkl", EMPTY_TUPLE_PICKLE);
            stored(zip, "packed/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "packed/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        var entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        var crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Override
    public void close() {
        module.close();
        super.close();
    }
}
