/**
 * Hosting servers: a {@link org.exoos.servers.framework.Service} runs in a
 * {@link org.exoos.servers.framework.ServerLoop} on one thread, in the kernel's JVM
 * ({@link org.exoos.servers.framework.Isolation#THREAD}) or in a JVM of its own
 * ({@link org.exoos.servers.framework.Isolation#PROCESS}), started by one code path
 * ({@link org.exoos.servers.framework.ServerMain#serve}) that gives it nothing but its channel's
 * capability text, its name and its options.
 *
 * <h2>Who owns the channel</h2>
 * The kernel does. Its {@link org.exoos.servers.framework.Supervisor} creates each server's
 * {@code FusionChannel}, issues the capability and hands its text to the server at start (the
 * kernel grants ring capabilities), and the server attaches as the channel's peer. Owning the
 * channel is what lets the kernel survive the server: it watches the holder's process, declares
 * it dead, drains what it had published, fails the rest with EIO, and resets the channel for a
 * restart (the ipc-fusion hot-restart path), all without the server's help; and the shared file
 * lives as long as the kernel, not as long as a server that may be killed.
 *
 * <p>The channel's rings are named from the owner's side, so for servers they run the other way
 * round; {@link org.exoos.servers.framework.ServerEndpoint} (server) and
 * {@link org.exoos.servers.framework.ServerClient} (kernel) name them by role:
 * <pre>
 *   kernel: ServerClient over FusionChannel          server: ServerEndpoint over ChannelPeer
 *     channel.replies()  producer  ---- requests ---->  peer.replies()  consumer  (inbound)
 *     channel.requests() consumer  <---- replies -----  peer.requests() producer  (outbound)
 * </pre>
 *
 * <h2>Upstream channels</h2>
 * A server that must ask the kernel something (the vfs's procfs asking about processes) gets
 * upstream channels by name ({@link org.exoos.servers.framework.ServerSpec#withUpstream}). The
 * kernel owns them too: the supervisor creates each with the server's own channel, hands the
 * server their capability texts at start through the same code path in both isolation modes
 * ({@link org.exoos.servers.framework.ServerMain#serve}; {@code --upstream=NAME=CAPABILITY} on a
 * server JVM's command line), and serves each on a {@link org.exoos.servers.framework.ServerLoop}
 * of its own kernel thread, so it can answer while another kernel thread waits for that server.
 * The server calls through {@link org.exoos.servers.framework.ServiceContext#upstream}, a
 * {@link org.exoos.servers.framework.ServerClient} bound to the peer's end
 * ({@link org.exoos.servers.framework.Upstreams}); the rings run the server's way round:
 * <pre>
 *   server: ServerClient over ChannelPeer            kernel: ServerLoop over FusionChannel
 *     peer.requests() producer  ---- requests ---->  channel.requests() consumer (inbound)
 *     peer.replies()  consumer  <---- replies -----  channel.replies()  producer (outbound)
 * </pre>
 * A restart of the server revokes, resets and grants them again with its own channel; its death
 * ends them with it.
 */
package org.exoos.servers.framework;
