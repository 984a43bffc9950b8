package org.exoos.servers.vfs.procfs;

import org.exoos.servers.protocol.Errno;

import org.exoos.servers.vfs.Vfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.TreeMap;

/**
 * A {@link ProcessInfoSource} over processes described by hand: for tests, and for wiring procfs before the
 * kernel reports its own processes. Not thread-safe, like the vfs that reads it.
 */
public final class InMemoryProcessInfo implements ProcessInfoSource {
    private final TreeMap<Integer, Process> processes = new TreeMap<>();

    /** One process: change its fields and records freely. */
    public static final class Process {
        public final int pid;
        /** The figures status, stat and statm show; {@link ProcessStatus#clear} defaults until changed. */
        public final ProcessStatus status = new ProcessStatus();
        public String comm;
        public String exe;
        public long cwdHandle = Vfs.NO_HANDLE;
        private byte[] cmdline = new byte[0];
        private final ArrayList<MemoryMapping> mappings = new ArrayList<>();
        private final TreeMap<Integer, Long> fdHandles = new TreeMap<>();
        private final TreeMap<Integer, String> fdTexts = new TreeMap<>();

        Process(int pid, String comm) {
            this.pid = pid;
            this.comm = comm;
        }

        /** Sets the arguments: cmdline becomes each one followed by a NUL. */
        public Process args(String... args) {
            StringBuilder sb = new StringBuilder();
            for (String a : args) {
                sb.append(a).append('\0');
            }
            cmdline = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            return this;
        }

        public Process map(long start, long end, String perms, long offset, String name) {
            addMapping(start, end, perms, offset, name);
            return this;
        }

        /** Adds a mapping and returns it, to set its device and inode. */
        public MemoryMapping addMapping(long start, long end, String perms, long offset, String name) {
            MemoryMapping m = new MemoryMapping().set(start, end, perms, offset, name);
            mappings.add(m);
            mappings.sort((a, b) -> Long.compareUnsigned(a.start, b.start));
            return m;
        }

        /** Descriptor {@code fd} refers to the vfs open file {@code handle}. */
        public Process fd(int fd, long handle) {
            fdTexts.remove(fd);
            fdHandles.put(fd, handle);
            return this;
        }

        /** Descriptor {@code fd} is something else ("pipe:[7]"). */
        public Process fd(int fd, String linkText) {
            fdHandles.remove(fd);
            fdTexts.put(fd, linkText);
            return this;
        }

        public Process closeFd(int fd) {
            fdHandles.remove(fd);
            fdTexts.remove(fd);
            return this;
        }
    }

    /** Adds process {@code pid} of user and group {@code uid}/{@code gid}, running, parent 1. */
    public Process add(int pid, String comm, int uid, int gid) {
        Process p = new Process(pid, comm);
        p.status.setIds(uid, gid);
        p.status.ppid = pid == 1 ? 0 : 1;
        p.status.pgrp = pid;
        p.status.session = pid;
        processes.put(pid, p);
        return p;
    }

    public Process process(int pid) {
        return processes.get(pid);
    }

    public void remove(int pid) {
        processes.remove(pid);
    }

    @Override
    public int nextPid(int after) {
        Integer next = processes.higherKey(after);
        return next == null ? -1 : next;
    }

    @Override
    public boolean exists(int pid) {
        return processes.containsKey(pid);
    }

    @Override
    public boolean status(int pid, ProcessStatus out) {
        Process p = processes.get(pid);
        if (p == null) {
            return false;
        }
        out.copyFrom(p.status);
        return true;
    }

    @Override
    public String comm(int pid) {
        Process p = processes.get(pid);
        return p == null ? null : p.comm;
    }

    @Override
    public byte[] cmdline(int pid) {
        Process p = processes.get(pid);
        return p == null ? new byte[0] : p.cmdline;
    }

    @Override
    public String exePath(int pid) {
        Process p = processes.get(pid);
        return p == null ? null : p.exe;
    }

    @Override
    public long cwdHandle(int pid) {
        Process p = processes.get(pid);
        return p == null ? Vfs.NO_HANDLE : p.cwdHandle;
    }

    @Override
    public boolean mapping(int pid, int index, MemoryMapping out) {
        Process p = processes.get(pid);
        if (p == null || index >= p.mappings.size()) {
            return false;
        }
        MemoryMapping m = p.mappings.get(index);
        out.start = m.start;
        out.end = m.end;
        out.read = m.read;
        out.write = m.write;
        out.execute = m.execute;
        out.shared = m.shared;
        out.offset = m.offset;
        out.devMajor = m.devMajor;
        out.devMinor = m.devMinor;
        out.inode = m.inode;
        out.name = m.name;
        return true;
    }

    @Override
    public int nextFd(int pid, int after) {
        Process p = processes.get(pid);
        if (p == null) {
            return -1;
        }
        Integer a = p.fdHandles.higherKey(after);
        Integer b = p.fdTexts.higherKey(after);
        if (a == null) {
            return b == null ? -1 : b;
        }
        return b == null ? a : Math.min(a, b);
    }

    @Override
    public long fdHandle(int pid, int fd) {
        Process p = processes.get(pid);
        Long h = p == null ? null : p.fdHandles.get(fd);
        return h == null ? Vfs.NO_HANDLE : h;
    }

    @Override
    public String fdLinkText(int pid, int fd) {
        Process p = processes.get(pid);
        return p == null ? null : p.fdTexts.get(fd);
    }

    @Override
    public int setComm(int pid, String name) {
        Process p = processes.get(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        p.comm = name.length() > 15 ? name.substring(0, 15) : name;
        return 0;
    }
}
