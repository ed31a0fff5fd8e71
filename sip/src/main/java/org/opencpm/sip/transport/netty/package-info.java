/**
 * The SIP transport layer on Netty sockets: {@link org.opencpm.sip.transport.netty.NettySipTransport},
 * its settings ({@link org.opencpm.sip.transport.netty.NettySipTransportConfig}, which holds the table of
 * connection limits) and its counters.
 *
 * <p>Pipelines (assembled in {@code internal.SipTransportEngine}):
 * <pre>
 * UDP listener:    SipDatagramDecoder → SipDatagramEncoder → UdpHandler
 * TCP connection:  IdleStateHandler → SipStreamDecoder → SipStreamEncoder → TcpConnectionHandler
 * </pre>
 * The decoders and encoders are codecs only (bytes to {@code ParseResult} and back); what to do with a
 * result, a keep-alive, a fault, idleness or a stalled message is decided by the last handler and the
 * engine. Everything runs on one event loop, the SIP thread.
 */
package org.opencpm.sip.transport.netty;
