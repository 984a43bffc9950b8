package org.exoos.servers.framework;

/** Receives replies from a {@link ServerClient}, on the thread that drains them. */
@FunctionalInterface
public interface ReplyHandler {
    /**
     * One reply, or the failure of a request (result {@code -EIO} when its server died or was
     * stopped, without arguments or data). {@code reply} is a reused flyweight whose arguments
     * and data are read in place, valid only during the call. The handler must not call back
     * into the client.
     */
    void onReply(ReplyView reply);
}
