package org.opencpm.sip.message;

import java.util.Locale;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Session-Expires header (RFC 4028 §4): the session interval and who refreshes,
 * {@code Session-Expires: 1800;refresher=uac}.
 *
 * <pre>
 * Session-Expires = ("Session-Expires" / "x") HCOLON delta-seconds *(SEMI se-params)
 * se-params       = refresher-param / generic-param
 * refresher-param = "refresher" EQUAL ("uas" / "uac")
 * </pre>
 *
 * @param deltaSeconds the interval in seconds (capped at 2**32-1)
 * @param refresher    who refreshes, or null if the parameter is absent
 * @param params       all parameters as written
 */
public record SessionExpires(long deltaSeconds, Refresher refresher, Parameters params) {

    /** The refresher-param values. */
    public enum Refresher {
        UAC, UAS;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static SessionExpires of(long deltaSeconds, Refresher refresher) {
        Parameters p = refresher == null ? Parameters.EMPTY : Parameters.EMPTY.with("refresher", refresher.toString());
        return new SessionExpires(deltaSeconds, refresher, p);
    }

    public static SessionExpires parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.SESSION_EXPIRES);
        long delta = DeltaSeconds.parse(sc);
        Parameters params = Parameters.parse(sc, true);
        DeltaSeconds.end(sc);
        Refresher refresher = null;
        if (params.has("refresher")) {
            String r = params.get("refresher").orElse("");
            if (r.equalsIgnoreCase("uac")) {
                refresher = Refresher.UAC;
            } else if (r.equalsIgnoreCase("uas")) {
                refresher = Refresher.UAS;
            } else {
                throw new SipParseException("Bad Session-Expires: refresher must be uac or uas", -1);
            }
        }
        return new SessionExpires(delta, refresher, params);
    }

    /** A copy with the refresher set. */
    public SessionExpires withRefresher(Refresher r) {
        return new SessionExpires(deltaSeconds, r, params.with("refresher", r.toString()));
    }

    @Override
    public String toString() {
        return deltaSeconds + params.toString();
    }
}
