package org.opencpm.msrp;

/**
 * A back-to-back MSRP relay: two sessions (client leg, network leg) joined so that each whole message
 * received on one leg passes the {@link MsrpRelayHook} and is then sent on the other leg with that leg's
 * paths and a new Message-ID. REPORTs for relayed messages are translated back to the sender's leg with its
 * original Message-ID; a message refused on one leg becomes a failure REPORT on the other when the sender
 * asked for failure reports.
 *
 * <p>Back-pressure: each leg's unacknowledged bytes are bounded ({@link MsrpSessionConfig#writeHighWaterMark()});
 * while a leg is not writable the relay stops reading the other leg's connection, so a slow peer never makes
 * memory grow without bound. Both legs run on one scheduler. Open one with {@link MsrpEndpoint#openRelay}.
 */
public interface MsrpRelay {

    MsrpSession leg(RelayLeg leg);

    /** Messages forwarded so far, both directions. */
    long forwardedMessages();

    /** Body bytes forwarded so far, both directions. */
    long forwardedBytes();

    /** Closes both legs. */
    void close();
}
