/**
 * The implementation behind {@code NettySipTransport}; not an API. Codecs ({@code SipStreamDecoder},
 * {@code SipDatagramDecoder}, the encoders) turn bytes into parse results and back and decide nothing;
 * {@code TcpConnectionHandler}, {@code UdpHandler} and {@code SipTransportEngine} act on the results.
 */
package org.opencpm.sip.transport.internal;
