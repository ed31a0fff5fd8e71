package org.opencpm.sip.transport;

import java.util.concurrent.ThreadLocalRandom;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipResponse;

/**
 * The answer a transport gives by itself to a request it could parse only in part
 * ({@link ParseResult.BadRequest}): the status the parser chose (400, 505, 513) with the fault as
 * reason phrase, e.g. {@code SIP/2.0 400 Missing Call-ID} (RFC 4475 §3.1.2: "a server should
 * respond with a 400 Bad Request ... the reason phrase should say what is wrong").
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /**
     * A response to {@code bad}: Via (all values, in order), From, To, Call-ID and CSeq copied as
     * received (RFC 3261 §8.2.6.2), and a To tag added if the To has none and can be read.
     */
    public static SipResponse forBadRequest(ParseResult.BadRequest bad) {
        SipResponse.Builder b = SipResponse.builder(bad.status(), bad.fault());
        for (Header h : bad.headers().all()) {
            String n = h.name();
            if (n.equals(HeaderNames.TO)) {
                b.add(n, withTag(h.value()));
            } else if (n.equals(HeaderNames.VIA) || n.equals(HeaderNames.FROM) || n.equals(HeaderNames.CALL_ID)
                    || n.equals(HeaderNames.CSEQ)) {
                b.add(n, h.value());
            }
        }
        return b.build();
    }

    private static String withTag(String to) {
        try {
            Address a = Address.parse(to, "To");
            return a.tag() != null ? to : a.withTag(newTag()).toString();
        } catch (SipParseException e) {
            return to;
        }
    }

    private static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
