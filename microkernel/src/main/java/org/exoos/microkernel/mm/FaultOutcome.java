package org.exoos.microkernel.mm;

/** What {@link AddressSpace#handleFault} made of a page fault. */
public enum FaultOutcome {
    /** A page was supplied (demand-zero) or the entry was refreshed: retry the access. */
    RESOLVED,
    /** No VMA covers the address. */
    NO_MAPPING,
    /** A VMA covers the address but does not allow this kind of access. */
    PROTECTION,
    /** The access was legal but no frame was left to back it. */
    OUT_OF_MEMORY,
    /** The address lies in a file mapping, on a page wholly past the file's end: nothing can back it (SIGBUS). */
    BEYOND_FILE
}
