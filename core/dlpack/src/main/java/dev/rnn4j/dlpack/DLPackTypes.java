package dev.rnn4j.dlpack;

import static dev.rnn4j.bindings.dlpack.dlpack_h.*;

import dev.rnn4j.bindings.dlpack.DLDataType;
import dev.rnn4j.bindings.dlpack.DLDevice;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import java.lang.foreign.MemorySegment;

/** rnn4j's dtypes and devices in DLPack's terms ({@code DLDataType}, {@code DLDevice}) and back. */
final class DLPackTypes {

    private DLPackTypes() {
    }

    /** DLPack's type code of {@code dtype} (its bits are 8 × its byte size, one lane). */
    static int code(DType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT16 -> kDLFloat();
            case BFLOAT16 -> kDLBfloat();
            case INT32 -> kDLInt();
        };
    }

    static void writeDType(MemorySegment dlDataType, DType dtype) {
        DLDataType.code(dlDataType, (byte) code(dtype));
        DLDataType.bits(dlDataType, (byte) (dtype.byteSize() * 8));
        DLDataType.lanes(dlDataType, (short) 1);
    }

    /** The dtype a {@code DLDataType} describes; rejects what rnn4j has no dtype for, naming it. */
    static DType readDType(MemorySegment dlDataType) {
        int code = Byte.toUnsignedInt(DLDataType.code(dlDataType));
        int bits = Byte.toUnsignedInt(DLDataType.bits(dlDataType));
        int lanes = Short.toUnsignedInt(DLDataType.lanes(dlDataType));
        if (lanes == 1) {
            for (DType d : DType.values()) {
                if (code(d) == code && d.byteSize() * 8 == bits) return d;
            }
        }
        throw new IllegalArgumentException("fromDLPack: dtype (code " + code + ", " + bits + " bits, " + lanes + " lanes) is not supported; rnn4j takes"
                + " float32 (kDLFloat 32), float16 (kDLFloat 16), bfloat16 (kDLBfloat 16) and int32 (kDLInt 32), one lane");
    }

    static void writeDevice(MemorySegment dlDevice, Device device) {
        DLDevice.device_type(dlDevice, device.isHost() ? kDLCPU() : kDLCUDA());
        DLDevice.device_id(dlDevice, device.ordinal());
    }

    /** The device a {@code DLDevice} names: the host for kDLCPU and kDLCUDAHost (pinned host memory), cuda:id for kDLCUDA. */
    static Device readDevice(MemorySegment dlDevice) {
        int type = DLDevice.device_type(dlDevice);
        int id = DLDevice.device_id(dlDevice);
        if (type == kDLCPU() || type == kDLCUDAHost()) return Device.CPU;
        if (type == kDLCUDA()) {
            if (id < 0) throw new IllegalArgumentException("fromDLPack: kDLCUDA device id " + id + " is negative");
            return Device.cuda(id);
        }
        throw new IllegalArgumentException("fromDLPack: device type " + type + " is not supported; rnn4j takes kDLCPU (" + kDLCPU() + "), kDLCUDAHost ("
                + kDLCUDAHost() + ") and kDLCUDA (" + kDLCUDA() + ")");
    }
}
