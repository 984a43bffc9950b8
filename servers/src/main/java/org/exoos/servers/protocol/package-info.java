/**
 * Wire codecs, shared by client (the kernel) and server: the envelope every message wears on a
 * fusion channel ({@link org.exoos.servers.protocol.MessageHeaderDescriptor}: operation, protocol
 * id and version, request id, inline arguments, data block, and for replies a result that is a
 * value or a negated Linux {@link org.exoos.servers.protocol.Errno}), each service's operation
 * table ({@link org.exoos.servers.protocol.Protocol}) and its argument flyweights (for example
 * {@link org.exoos.servers.protocol.EchoCodec}).
 */
package org.exoos.servers.protocol;
