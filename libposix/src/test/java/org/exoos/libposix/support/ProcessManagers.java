package org.exoos.libposix.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.exoos.libposix.LinuxPersonality;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.procmgr.service.ProcMgrClient;
import org.exoos.servers.procmgr.service.ProcMgrServiceFactory;

/** A procmgr server in a thread of the test's JVM, attached to a personality, as the launcher attaches one. */
public final class ProcessManagers {
    private ProcessManagers() {}

    /** Starts procmgr under {@code servers} and attaches it to {@code linux}; the client. */
    public static ProcMgrClient attach(LinuxPersonality linux, Supervisor servers) {
        try {
            ProcMgrClient.AsyncReplies replies = new ProcMgrClient.AsyncReplies();
            ProcMgrClient client = new ProcMgrClient(
                    servers.start(ServerSpec.of(ProcMgrServiceFactory.NAME, Isolation.THREAD), replies).client(), replies);
            linux.attachProcessManager(client);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("procmgr did not start", e);
        }
    }
}
