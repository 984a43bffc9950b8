package org.exoos.boot.bench;

/** The result for one program: its timed run on each engine. */
record BenchRow(BenchProgram program, int size, Measurement exo, Measurement qemu) {

    /** Both runs ended normally and printed the same checksum line. */
    boolean agrees() {
        return exo.status() == 0 && qemu.status() == 0 && exo.stdout().equals(qemu.stdout()) && !exo.stdout().isBlank();
    }

    /** Exo-OS time over qemu time: how many times slower Exo-OS is. */
    double ratio() {
        return exo.seconds() / qemu.seconds();
    }
}
