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
 */
package org.exoos.servers.framework;
