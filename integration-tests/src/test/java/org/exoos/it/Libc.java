package org.exoos.it;

/** The C libraries each test program is built against, named as tools/riscv-cc.sh and the build directories name them. */
public enum Libc {
    GLIBC("glibc"),
    MUSL("musl"),
    /** musl, linked as a static position-independent executable (ET_DYN with no interpreter). */
    MUSL_PIE("musl-pie");

    private final String dirName;

    Libc(String dirName) {
        this.dirName = dirName;
    }

    /** The name used by tools/riscv-cc.sh and as the directory under target/riscv64. */
    public String dirName() {
        return dirName;
    }

    @Override
    public String toString() {
        return dirName;
    }
}
