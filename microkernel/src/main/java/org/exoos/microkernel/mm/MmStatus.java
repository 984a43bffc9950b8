package org.exoos.microkernel.mm;

/** Outcome of a region operation on an {@link AddressSpace}; a personality maps it to its own error codes. */
public enum MmStatus {
    OK,
    /** The range is not page-aligned, empty, or leaves user space. */
    OUT_OF_RANGE,
    /** Part of the range is already mapped. */
    OVERLAP,
    /** Part of the range is not mapped. */
    NOT_MAPPED,
    /** No frame was left for a page table. */
    NO_MEMORY
}
