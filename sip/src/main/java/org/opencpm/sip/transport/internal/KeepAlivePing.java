package org.opencpm.sip.transport.internal;

/**
 * What {@link SipStreamDecoder} emits for a keep-alive ping, the double CRLF of RFC 5626 §3.5.1.
 * The connection handler answers it with a single CRLF (the pong); the decoder only reports it.
 */
public enum KeepAlivePing {
    INSTANCE
}
