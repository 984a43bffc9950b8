package org.exoos.servers.procmgr.service;

import java.util.Map;

import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.protocol.Protocol;

/** Registers the process manager as "procmgr". It takes no options. */
public final class ProcMgrServiceFactory implements ServiceFactory {
    public static final String NAME = "procmgr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protocol protocol() {
        return ProcMgrCodec.PROTOCOL;
    }

    @Override
    public Service create(final Map<String, String> options) {
        return new ProcMgrService();
    }
}
