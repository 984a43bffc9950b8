package org.exoos.it.difftest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** One case's final state as the guest dumped it (see {@link DumpLayout}). */
record DumpRecord(long caseIndex, long[] x, long[] f, long fcsr, byte[] window) {

    /** Splits a program's stdout into records; stops at the first malformed one and says why in {@code problem}. */
    record Parsed(List<DumpRecord> records, String problem) {}

    static Parsed parseAll(byte[] stdout) {
        List<DumpRecord> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stdout).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at < stdout.length) {
            if (stdout.length - at < DumpLayout.RECORD_BYTES) {
                return new Parsed(records, "stdout ends with a truncated record of " + (stdout.length - at) + " bytes");
            }
            if (b.getLong(at + DumpLayout.MAGIC_OFFSET) != DumpLayout.MAGIC) {
                return new Parsed(records, "record " + records.size() + " at stdout offset " + at + " has no EXODIFF1 magic");
            }
            long index = b.getLong(at + DumpLayout.CASE_INDEX_OFFSET);
            long[] x = new long[32];
            for (int i = 1; i < 32; i++) x[i] = b.getLong(at + DumpLayout.xOffset(i));
            long[] f = new long[32];
            for (int j = 0; j < 32; j++) f[j] = b.getLong(at + DumpLayout.fOffset(j));
            long fcsr = b.getLong(at + DumpLayout.FCSR_OFFSET);
            byte[] window = new byte[DumpLayout.WINDOW_BYTES];
            System.arraycopy(stdout, at + DumpLayout.WINDOW_OFFSET, window, 0, window.length);
            records.add(new DumpRecord(index, x, f, fcsr, window));
            at += DumpLayout.RECORD_BYTES;
        }
        return new Parsed(records, null);
    }

    long windowDword(int dwordIndex) {
        return ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN).getLong(dwordIndex * 8);
    }
}
