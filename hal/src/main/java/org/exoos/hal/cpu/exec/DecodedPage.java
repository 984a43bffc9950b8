package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.decode.Decoded;
import org.exoos.hal.cpu.decode.Op;

/**
 * The decoded-instruction shadow of one 4 KiB code frame: one packed instruction per 2-byte parcel
 * (2048 slots), filled lazily, plus two {@link Op#PAGE_END} sentinels past the end, so running off the
 * page (pc + 2 or pc + 4 beyond the last parcel) needs no bounds test in the interpreter's loop.
 * A 32-bit instruction starting in the last parcel is cached as {@link Op#CROSS_PAGE}: it depends on two pages.
 */
final class DecodedPage {
    private DecodedPage() {}

    static final int PARCELS = 2048;
    static final int SLOTS = PARCELS + 2;
    static final long PAGE_END = Decoded.pack(Op.PAGE_END, 0, 0, 0, 0, 0, false);
    static final long CROSS_PAGE = Decoded.pack(Op.CROSS_PAGE, 0, 0, 0, 0, 0, false);

    static void init(long[] page) {
        page[PARCELS] = PAGE_END;
        page[PARCELS + 1] = PAGE_END;
    }
}
