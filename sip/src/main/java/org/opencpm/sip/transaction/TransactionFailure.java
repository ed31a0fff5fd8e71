package org.opencpm.sip.transaction;

/**
 * How a client transaction ended without a final response. The transaction user treats these as
 * it would treat a response with {@link #asStatus()} (RFC 3261 §8.1.3.1, §16.7 step 6: a timeout
 * counts as 408, a transport error as 503).
 */
public sealed interface TransactionFailure {

    /** The status code a proxy or UAC acts on in place of a response. */
    int asStatus();

    /** Timer B or F fired: no final response arrived in time. */
    record Timeout(String timer) implements TransactionFailure {
        @Override
        public int asStatus() {
            return 408;
        }
    }

    /** The transport could not deliver the request (connection refused or lost, no route). */
    record TransportError(String reason) implements TransactionFailure {
        @Override
        public int asStatus() {
            return 503;
        }
    }
}
