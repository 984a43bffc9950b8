package org.exoos.libposix.syscall;

import org.exoos.hal.mmu.AccessType;
import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ProcessLayout;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.libposix.mm.PageCache;
import org.exoos.libposix.mm.SharedFile;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.MmStatus;
import org.exoos.microkernel.mm.Vma;

import static org.exoos.microkernel.mm.AddressSpace.PAGE_SIZE;
import static org.exoos.microkernel.mm.AddressSpace.USER_TOP;
import static org.exoos.microkernel.mm.AddressSpace.pageUp;

/**
 * brk(2), mmap(2), munmap(2), mprotect(2), mremap(2), msync(2), madvise(2): regions in the address space,
 * demand-zero or backed by the page cache ({@link FileMapping}). RLIMIT_AS bounds the address space and
 * RLIMIT_DATA the heap; like Linux's heuristic overcommit, a single request larger than the machine's memory
 * is ENOMEM, anything else is granted and backed at first touch (the fault path kills on exhaustion).
 */
final class SysMemory {
    private SysMemory() {}

    static final int PROT_READ = 0x1, PROT_WRITE = 0x2, PROT_EXEC = 0x4, PROT_SEM = 0x8,
            PROT_GROWSDOWN = 0x0100_0000, PROT_GROWSUP = 0x0200_0000;
    static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_TYPE = 0x0f,
            MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100, MAP_DENYWRITE = 0x800,
            MAP_EXECUTABLE = 0x1000, MAP_LOCKED = 0x2000, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000,
            MAP_NONBLOCK = 0x10000, MAP_STACK = 0x20000, MAP_HUGETLB = 0x40000, MAP_SYNC = 0x80000,
            MAP_FIXED_NOREPLACE = 0x100000, MAP_UNINITIALIZED = 0x4000000;
    /** Flags MAP_SHARED_VALIDATE accepts (Linux's LEGACY_MAP_MASK plus what we validate). */
    static final int LEGACY_MAP_MASK = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE
            | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE
            | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB;

    static void register(SyscallTable t) {
        t.add("brk", SysMemory::brk);
        t.addPartial("mmap", "file pages come from a page cache of mapped pages only: read(2)/write(2) are not coherent "
                + "with shared mappings until a write-back (msync, fsync, last munmap); a page already cached is not "
                + "taken back when the file shrinks", SysMemory::mmap);
        t.add("msync", SysMemory::msync);
        t.addPartial("madvise", "MADV_DONTNEED/FREE drop private pages, MADV_DONTFORK/DOFORK kept; other hints are "
                + "accepted and ignored; MADV_WIPEONFORK/KEEPONFORK, REMOVE, HWPOISON are EINVAL", SysMemory::madvise);
        t.add("munmap", SysMemory::munmap);
        t.add("mprotect", SysMemory::mprotect);
        t.addPartial("mremap", "MREMAP_DONTUNMAP is EINVAL", SysMemory::mremap);
    }

    /** brk(addr): moves the program break; returns the new break, or the old one when it cannot move. */
    static long brk(SyscallContext c) {
        PosixProcess p = c.process();
        long want = c.arg(0), current = p.brk();
        if (want < p.brkStart() || want > USER_TOP) return current;
        AddressSpace space = c.space();
        long oldEnd = pageUp(current), newEnd = pageUp(want);
        if (newEnd > oldEnd) {
            ResourceLimits limits = p.limits();
            if (exceeds(newEnd - p.brkStart(), limits.soft(ResourceLimits.RLIMIT_DATA))) return current;
            if (!mayGrow(c, newEnd - oldEnd)) return current;
            // Like Linux, keep a guard page between the heap and whatever lies above it.
            if (!space.isFree(oldEnd, newEnd - oldEnd + PAGE_SIZE)) return current;
            if (space.map(oldEnd, newEnd - oldEnd, Vma.READ | Vma.WRITE, 0, "[heap]") != MmStatus.OK) return current;
        } else if (newEnd < oldEnd) {
            space.unmap(newEnd, oldEnd - newEnd);
        }
        p.setBrk(want);
        return want;
    }

    /** True when value passes an rlimit (compared unsigned, so RLIM_INFINITY never is). */
    private static boolean exceeds(long value, long limit) {
        return ResourceLimits.compare(value, limit) > 0;
    }

    /** Whether the address space may grow by bytes of private writable memory: {@link #mayReserve} and overcommit. */
    static boolean mayGrow(SyscallContext c, long bytes) {
        return mayCommit(c, bytes) && mayReserve(c, bytes);
    }

    /** Linux's heuristic overcommit: no single request for private writable memory beyond the machine's memory. */
    static boolean mayCommit(SyscallContext c, long bytes) {
        return bytes / PAGE_SIZE <= c.space().frames().totalFrames();
    }

    /** Whether the address space may grow by bytes within RLIMIT_AS. */
    static boolean mayReserve(SyscallContext c, long bytes) {
        AddressSpace space = c.space();
        long limit = c.process().limits().soft(ResourceLimits.RLIMIT_AS);
        return limit == ResourceLimits.RLIM_INFINITY || !exceeds(space.mappedBytes() + bytes, limit);
    }

    /**
     * Where this process's top-down mmap area starts: the "[vdso]" page is mapped there at exec (its place
     * randomized with the rest of the layout), so its address is the base.
     */
    static long mmapBase(SyscallContext c) {
        long vdso = c.process().sigreturnTrampoline();
        return vdso != 0 ? vdso : ProcessLayout.MMAP_BASE;
    }

    static int vmaProt(int prot) {
        return ((prot & PROT_READ) != 0 ? Vma.READ : 0) | ((prot & PROT_WRITE) != 0 ? Vma.WRITE : 0)
                | ((prot & PROT_EXEC) != 0 ? Vma.EXEC : 0);
    }

    static long mmap(SyscallContext c) {
        long addr = c.arg(0), length = c.arg(1), offset = c.arg(5);
        int prot = c.argInt(2), flags = c.argInt(3), fd = c.argInt(4);
        if ((offset & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        OpenFile file = anonymous ? null : c.process().fds().get(fd);
        if (!anonymous && file == null) return -Errno.EBADF;
        if (length == 0) return -Errno.EINVAL;
        length = pageUp(length);
        if (length <= 0 || length > USER_TOP) return -Errno.ENOMEM;
        int type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) return -Errno.EINVAL;
        if (type == MAP_SHARED_VALIDATE && (flags & ~(LEGACY_MAP_MASK | MAP_SYNC | MAP_FIXED_NOREPLACE)) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        boolean shared = type != MAP_PRIVATE;
        FileStat st = anonymous ? null : new FileStat();
        int fileMapping = anonymous ? FileMapping.ANONYMOUS : FileMapping.check(file, shared, prot, st);
        if (fileMapping < 0) return fileMapping;
        if ((flags & MAP_HUGETLB) != 0) return -Errno.ENOMEM; // no huge page pool
        if (type != MAP_PRIVATE && (flags & MAP_GROWSDOWN) != 0) return -Errno.EINVAL;

        AddressSpace space = c.space();
        if (!mayReserve(c, length)) return -Errno.ENOMEM;
        boolean accounted = !shared && (prot & PROT_WRITE) != 0 && (flags & MAP_NORESERVE) == 0;
        if (accounted && !mayCommit(c, length)) return -Errno.ENOMEM;
        boolean noReplace = (flags & MAP_FIXED_NOREPLACE) != 0;
        if ((flags & MAP_FIXED) != 0 || noReplace) {
            if ((addr & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
            if (addr < 0 || addr > USER_TOP - length) return -Errno.ENOMEM;
            if (addr < AddressSpace.MIN_ADDRESS) return -Errno.EPERM;
            if (!space.isFree(addr, length)) {
                if (noReplace) return -Errno.EEXIST;
                space.unmap(addr, length);
            }
        } else {
            long hint = pageUp(addr);
            if (addr == 0 || hint < AddressSpace.MIN_ADDRESS || hint > USER_TOP - length || !space.isFree(hint, length)) {
                hint = space.findFree(length, mmapBase(c));
                if (hint < 0) return -Errno.ENOMEM;
            }
            addr = hint;
        }
        int vmaFlags = (shared ? Vma.SHARED : 0) | ((flags & MAP_GROWSDOWN) != 0 ? Vma.GROWS_DOWN : 0);
        SharedFile pager = null;
        if (fileMapping == FileMapping.FILE) {
            if (shared && !FileMapping.mayWriteShared(file)) vmaFlags |= Vma.NO_SHARED_WRITE;
            pager = PageCache.of(space.frames()).open((VfsFile) file, st, shared && (prot & PROT_WRITE) != 0);
            if (pager == null) return -Errno.ENFILE;
        }
        MmStatus s = space.map(new Vma(addr, addr + length, vmaProt(prot), vmaFlags, "", pager,
                pager == null ? 0 : offset / PAGE_SIZE));
        if (pager != null) pager.detach(); // the area holds it now (or, on failure, nothing does)
        if (s != MmStatus.OK) return -Errno.ENOMEM;
        if ((flags & (MAP_POPULATE | MAP_LOCKED)) != 0 && (flags & MAP_NONBLOCK) == 0) populate(space, addr, length, prot);
        return addr;
    }

    /** Faults the pages in now (MAP_POPULATE); stops quietly when memory runs out, as Linux does. */
    private static void populate(AddressSpace space, long addr, long length, int prot) {
        int access = (prot & PROT_WRITE) != 0 ? AccessType.STORE : AccessType.LOAD;
        if ((prot & (PROT_READ | PROT_WRITE)) == 0) return;
        for (long va = addr; va < addr + length; va += PAGE_SIZE) {
            if (space.translate(va, access) < 0) return;
        }
    }

    static long munmap(SyscallContext c) {
        long addr = c.arg(0), length = c.arg(1);
        if ((addr & (PAGE_SIZE - 1)) != 0 || addr < 0 || addr > USER_TOP) return -Errno.EINVAL;
        if (length <= 0 || length > USER_TOP - addr) return -Errno.EINVAL;
        length = pageUp(length);
        c.space().unmap(addr, Math.min(length, USER_TOP - addr));
        return 0;
    }

    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;

    /** mremap(old, oldSize, newSize, flags, newAddress): shrink in place, grow in place, or move the pages. */
    static long mremap(SyscallContext c) {
        long old = c.arg(0), oldSize = pageUp(c.arg(1)), newSize = pageUp(c.arg(2)), target = c.arg(4);
        int flags = c.argInt(3);
        if ((old & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0) return -Errno.EINVAL;
        if ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) return -Errno.EINVAL;
        if ((flags & MREMAP_DONTUNMAP) != 0) return -Errno.EINVAL;
        if (c.arg(2) == 0 || newSize <= 0 || c.arg(1) < 0 || oldSize < 0) return -Errno.EINVAL;
        AddressSpace space = c.space();
        Vma v = space.find(old);
        // The old range must lie in one mapping (a private one: old size 0 duplicates only shared ones).
        if (v == null || oldSize == 0 || old + oldSize > v.end()) return oldSize == 0 && v != null ? -Errno.EINVAL : -Errno.EFAULT;
        if ((flags & MREMAP_FIXED) != 0) {
            if ((target & (PAGE_SIZE - 1)) != 0 || target < AddressSpace.MIN_ADDRESS || target > USER_TOP - newSize) {
                return -Errno.EINVAL;
            }
            if (target < old + oldSize && old < target + newSize) return -Errno.EINVAL; // ranges may not overlap
            space.unmap(target, newSize);
            return moveTo(space, v, old, oldSize, newSize, target);
        }
        if (newSize <= oldSize) {
            if (newSize < oldSize) space.unmap(old + newSize, oldSize - newSize);
            return old;
        }
        long grow = newSize - oldSize;
        if (!mayGrow(c, grow)) return -Errno.ENOMEM;
        if (old + oldSize == v.end() && old + newSize <= USER_TOP && space.isFree(old + oldSize, grow)) {
            return space.map(continuation(v, old + oldSize, old + newSize)) == MmStatus.OK ? old : -Errno.ENOMEM;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) return -Errno.ENOMEM;
        long to = space.findFree(newSize, mmapBase(c));
        if (to < 0) return -Errno.ENOMEM;
        return moveTo(space, v, old, oldSize, newSize, to);
    }

    /** Moves [old, old+oldSize) to `to` and sizes it to newSize there (the extra part demand-zero). */
    private static long moveTo(AddressSpace space, Vma v, long old, long oldSize, long newSize, long to) {
        long keep = Math.min(oldSize, newSize);
        if (space.move(old, keep, to) != MmStatus.OK) return -Errno.ENOMEM;
        if (oldSize > keep) space.unmap(old + keep, oldSize - keep);
        if (newSize > keep && space.map(continuation(v, old + keep, old + newSize).movedBy(to - old)) != MmStatus.OK) {
            return -Errno.ENOMEM;
        }
        return to;
    }

    /** The area [from, to) continuing v past its pages: the same kind, and for a file the following file pages. */
    private static Vma continuation(Vma v, long from, long to) {
        return new Vma(from, to, v.prot(), v.flags(), v.name(), v.pager(), v.pager() == null ? 0 : v.pageIndexOf(from));
    }

    static long mprotect(SyscallContext c) {
        long addr = c.arg(0), length = c.arg(1);
        int prot = c.argInt(2);
        if ((addr & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
        if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            return -Errno.EINVAL;
        }
        if ((prot & PROT_GROWSDOWN) != 0 && (prot & PROT_GROWSUP) != 0) return -Errno.EINVAL;
        if (length == 0) return 0;
        long end = pageUp(addr + length);
        if (length < 0 || end <= addr || addr < 0) return -Errno.ENOMEM;
        if (end > USER_TOP) return -Errno.ENOMEM;
        AddressSpace space = c.space();
        if ((prot & PROT_GROWSDOWN) != 0) {
            Vma v = space.find(addr);
            if (v == null) return -Errno.ENOMEM;
            if ((v.flags() & Vma.GROWS_DOWN) == 0) return -Errno.EINVAL;
            addr = v.start(); // the change reaches down to the start of the stack area
        } else if ((prot & PROT_GROWSUP) != 0) {
            return -Errno.EINVAL; // no grows-up areas on riscv64
        }
        if ((prot & PROT_WRITE) != 0) {
            for (Vma v : space.vmas()) {
                if (v.overlaps(addr, end) && (v.flags() & Vma.NO_SHARED_WRITE) != 0) return -Errno.EACCES;
            }
        }
        return space.protect(addr, end - addr, vmaProt(prot)) == MmStatus.OK ? 0 : -Errno.ENOMEM;
    }

    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;

    /**
     * msync(addr, length, flags): writes the shared file pages of the range back to their files. MS_ASYNC
     * writes them back too (at once): read(2) sees mapped stores only after a write-back here.
     */
    static long msync(SyscallContext c) {
        long addr = c.arg(0), length = c.arg(1);
        int flags = c.argInt(2);
        if ((addr & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
        if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0) return -Errno.EINVAL;
        if ((flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0) return -Errno.EINVAL;
        long end = pageUp(addr + length);
        if (length < 0 || end < addr || end > USER_TOP) return -Errno.ENOMEM;
        if (end == addr) return 0;
        AddressSpace space = c.space();
        long result = 0;
        for (Vma v : space.vmas()) {
            if (!v.overlaps(addr, end) || !v.mapsPagerFrames()) continue;
            long from = Math.max(addr, v.start()), to = Math.min(end, v.end());
            long r = ((SharedFile) v.pager()).sync(v.pageIndexOf(from), v.pageIndexOf(to - 1) + 1);
            if (r < 0 && result == 0) result = r;
        }
        if (!space.isMapped(addr, end - addr)) return -Errno.ENOMEM;
        return result;
    }

    static final int MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3, MADV_DONTNEED = 4,
            MADV_FREE = 8, MADV_REMOVE = 9, MADV_DONTFORK = 10, MADV_DOFORK = 11, MADV_MERGEABLE = 12,
            MADV_UNMERGEABLE = 13, MADV_HUGEPAGE = 14, MADV_NOHUGEPAGE = 15, MADV_DONTDUMP = 16, MADV_DODUMP = 17,
            MADV_WIPEONFORK = 18, MADV_KEEPONFORK = 19, MADV_COLD = 20, MADV_PAGEOUT = 21,
            MADV_POPULATE_READ = 22, MADV_POPULATE_WRITE = 23;

    /**
     * madvise(addr, length, advice). MADV_DONTNEED and MADV_FREE drop the private pages of the range (they read
     * back as zeros, or as the file's bytes for a private file mapping); shared pages stay. MADV_DONTFORK leaves
     * the range out of forked children (MADV_DOFORK undoes it). Hints that change
     * no result are accepted; a range with holes is ENOMEM after the mapped parts were advised, as in Linux.
     */
    static long madvise(SyscallContext c) {
        long addr = c.arg(0), length = c.arg(1);
        int advice = c.argInt(2);
        if ((addr & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
        boolean known = switch (advice) {
            case MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, MADV_FREE, MADV_MERGEABLE,
                 MADV_DONTFORK, MADV_DOFORK,
                 MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP, MADV_DODUMP, MADV_COLD,
                 MADV_PAGEOUT, MADV_POPULATE_READ, MADV_POPULATE_WRITE -> true;
            default -> false; // MADV_REMOVE, WIPEONFORK/KEEPONFORK, HWPOISON: not kept here
        };
        if (!known) return -Errno.EINVAL;
        long end = pageUp(addr + length);
        if (length < 0 || end < addr) return -Errno.EINVAL;
        if (end == addr) return 0;
        if (end > USER_TOP) return -Errno.ENOMEM;
        AddressSpace space = c.space();
        boolean whole = space.isMapped(addr, end - addr);
        switch (advice) {
            case MADV_DONTNEED, MADV_FREE -> space.discard(addr, end - addr);
            case MADV_DONTFORK -> space.changeFlags(addr, end - addr, Vma.DONT_FORK, 0);
            case MADV_DOFORK -> space.changeFlags(addr, end - addr, 0, Vma.DONT_FORK);
            case MADV_POPULATE_READ, MADV_POPULATE_WRITE -> {
                if (!whole) return -Errno.ENOMEM;
                int access = advice == MADV_POPULATE_WRITE ? AccessType.STORE : AccessType.LOAD;
                for (long va = addr; va < end; va += PAGE_SIZE) {
                    if (space.translate(va, access) < 0) return space.find(va) == null ? -Errno.ENOMEM : -Errno.EFAULT;
                }
            }
            default -> { }
        }
        return whole ? 0 : -Errno.ENOMEM;
    }
}
