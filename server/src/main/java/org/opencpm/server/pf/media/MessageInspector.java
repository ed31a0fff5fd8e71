package org.opencpm.server.pf.media;

/**
 * Sees each whole message crossing a CPM Session's relay, before it is sent on: where the Participating
 * Function applies its disposition-notification rules to a session's IMDNs. Called on the relay's thread;
 * it must answer at once and must not block. A message it {@link Verdict#TAKE}s is not relayed: the
 * inspector sends it on itself, later, through the {@link LegSender} it was {@linkplain #attached given}.
 */
public interface MessageInspector {

    /** Relays everything unchanged. */
    MessageInspector PASS = (from, contentType, body) -> Verdict.PASS;

    /** What happens to one message. */
    enum Verdict {
        /** Relay it to the other leg as usual. */
        PASS,
        /** Do not relay it; the inspector took it over. */
        TAKE
    }

    /** Sends a message on one leg of the relay; callable from any thread. */
    @FunctionalInterface
    interface LegSender {
        /** Sends {@code body} on the leg towards {@code to}; false if that leg is closed. */
        boolean send(MediaPlane.Side to, String contentType, byte[] body);
    }

    /** Inspects a message received on the leg {@code from}. */
    Verdict inspect(MediaPlane.Side from, String contentType, byte[] body);

    /** The relay is set up; {@code sender} sends on its legs. */
    default void attached(LegSender sender) {
    }
}
