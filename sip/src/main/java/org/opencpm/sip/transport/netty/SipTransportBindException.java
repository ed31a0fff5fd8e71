package org.opencpm.sip.transport.netty;

/** {@link NettySipTransport#start()} could not bind a listen address, e.g. because the port is taken. */
public final class SipTransportBindException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SipTransportBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
