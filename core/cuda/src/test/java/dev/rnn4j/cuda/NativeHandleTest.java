package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one owner of library handles, with fake create and destroy functions (nothing native runs). */
class NativeHandleTest {

    private static final long FAKE = 0xdead_b000L;

    /** A fake library: create writes FAKE (or fails with createStatus), destroy records what it destroyed. */
    private static final class FakeLibrary {
        int createStatus;
        int destroyStatus;
        int creates;
        final List<Long> destroyed = new ArrayList<>();

        NativeHandle.Kind kind() {
            return new NativeHandle.Kind("fakeCreate", out -> {
                creates++;
                if (createStatus == 0) out.set(ValueLayout.ADDRESS, 0, MemorySegment.ofAddress(FAKE));
                return createStatus;
            }, "fakeDestroy", h -> {
                destroyed.add(h.address());
                return destroyStatus;
            }, (status, function) -> {
                if (status != 0) throw new IllegalStateException(function + " failed with status " + status);
            });
        }
    }

    @Test
    void closeDestroysOnceHoweverOftenItIsCalled() {
        FakeLibrary lib = new FakeLibrary();
        NativeHandle h = new NativeHandle(lib.kind(), handle -> assertEquals(FAKE, handle.address()));
        assertEquals(FAKE, h.handle().address());
        h.close();
        h.close();
        assertEquals(List.of(FAKE), lib.destroyed, "destroyed exactly once");
        assertTrue(h.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, h::handle);
        assertTrue(e.getMessage().contains("fakeCreate") && e.getMessage().contains("fakeDestroy"), e.getMessage());
    }

    @Test
    void aFailingSetCallDestroysTheNewHandle() {
        FakeLibrary lib = new FakeLibrary();
        RuntimeException setFailed = new IllegalArgumentException("fakeSet failed");
        assertSame(setFailed, assertThrows(IllegalArgumentException.class, () -> new NativeHandle(lib.kind(), handle -> {
            throw setFailed;
        })));
        assertEquals(List.of(FAKE), lib.destroyed, "the handle that was created is destroyed");
    }

    @Test
    void aFailingDestroyAfterAFailingSetCallIsSuppressedNotLost() {
        FakeLibrary lib = new FakeLibrary();
        lib.destroyStatus = 7;
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> new NativeHandle(lib.kind(), handle -> {
            throw new IllegalArgumentException("fakeSet failed");
        }));
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("fakeDestroy failed with status 7"));
    }

    @Test
    void aFailingCreateLeavesNothingToDestroy() {
        FakeLibrary lib = new FakeLibrary();
        lib.createStatus = 3;
        List<MemorySegment> configured = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NativeHandle(lib.kind(), configured::add));
        assertTrue(e.getMessage().contains("fakeCreate failed with status 3"));
        assertTrue(configured.isEmpty(), "no set-call on a handle that was not created");
        assertTrue(lib.destroyed.isEmpty());
    }

    @Test
    void aFailingDestroyOnCloseIsReportedOnceAndNotRetried() {
        FakeLibrary lib = new FakeLibrary();
        NativeHandle h = new NativeHandle(lib.kind(), handle -> {
        });
        lib.destroyStatus = 4;
        assertThrows(IllegalStateException.class, h::close);
        h.close();
        assertEquals(List.of(FAKE), lib.destroyed);
    }

    /** Each wrapper pairs its create function with the matching destroy function (cudnnCreateX with cudnnDestroyX). */
    @Test
    void everyWrapperDestroysWhatItCreates() throws ReflectiveOperationException {
        Class<?>[] wrappers = {CublasHandle.class, CudnnHandle.class, CudnnDropout.class, CudnnRnnDescriptor.class, CudnnRnnDataDescriptor.class,
                CudnnTensorDescriptor.class};
        for (Class<?> w : wrappers) {
            assertEquals(NativeHandle.class, w.getSuperclass(), w.getSimpleName());
            Field f = w.getDeclaredField("KIND");
            f.setAccessible(true);
            NativeHandle.Kind kind = (NativeHandle.Kind) f.get(null);
            assertEquals(kind.createName().replace("Create", "Destroy"), kind.destroyName(), w.getSimpleName());
        }
    }
}
