/**
 * Exo-OS servers: components that serve requests arriving on fusion-ring channels and nothing
 * else. {@code framework} hosts them (in a thread of the kernel's JVM or in a JVM of their own),
 * {@code protocol} holds each service's wire codec, shared by client and server, and {@code vfs}
 * and {@code tty} are the services.
 */
package org.exoos.servers;
