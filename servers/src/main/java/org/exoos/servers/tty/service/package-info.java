/**
 * The tty as a server: {@link org.exoos.servers.tty.service.TtyCodec} (the wire protocol),
 * {@link org.exoos.servers.tty.service.TtyService} (a line discipline over a
 * {@link org.exoos.servers.tty.service.TtyBackend}: the host terminal through FFM, or memory),
 * {@link org.exoos.servers.tty.service.TtyServiceFactory} ("tty") and the kernel's
 * {@link org.exoos.servers.tty.service.TtyClient}.
 */
package org.exoos.servers.tty.service;
