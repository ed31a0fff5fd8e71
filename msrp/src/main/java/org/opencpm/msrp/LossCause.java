package org.opencpm.msrp;

/**
 * Why an MSRP session lost its connection or could not set it up: the classification of
 * requirements.md AMB-01 in one place. {@link #isSetup()} tells setup failures from losses.
 */
public enum LossCause {
    /** The TCP connection was closed or reset by the peer or the network (AMB-01 a). */
    CONNECTION_CLOSED(false),
    /** Writing to the connection failed (AMB-01 a). */
    WRITE_FAILED(false),
    /** A SEND or chunk was not answered within the transaction timeout (AMB-01 b). */
    TRANSACTION_TIMEOUT(false),
    /** A SEND or chunk was answered 408 or 481 (AMB-01 b). */
    TRANSACTION_REJECTED(false),
    /** The keep-alive probe sent after the idle period was not answered (AMB-01 c). */
    KEEPALIVE_FAILED(false),
    /** The peer started a chunk and did not finish it within the chunk timeout. */
    CHUNK_TIMEOUT(false),
    /** The byte stream could not be framed; the connection was closed (RFC 4975 §7.1). */
    FRAMING_ERROR(false),
    /** The session was closed here; reported to relays whose other leg closed. */
    CLOSED_LOCALLY(false),
    /** The TCP connection could not be opened. */
    CONNECT_FAILED(true),
    /** The connection was not up and bound within the connect timeout (AMB-01 setup). */
    CONNECT_TIMEOUT(true),
    /** The first MSRP request was not answered within the transaction timeout (AMB-01 setup). */
    NO_FIRST_RESPONSE(true);

    private final boolean setup;

    LossCause(boolean setup) {
        this.setup = setup;
    }

    /** True if the session never became usable. */
    public boolean isSetup() {
        return setup;
    }
}
