package org.opencpm.msrp.sdp;

/** An MSRP media description that cannot be used: a malformed m-line or attribute, or a missing a=path. */
public final class MsrpSdpException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MsrpSdpException(String message) {
        super(message);
    }
}
