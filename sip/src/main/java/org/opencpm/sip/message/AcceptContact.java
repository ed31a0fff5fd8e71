package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * One value of the Accept-Contact header (RFC 3841 §9.2): a feature predicate the caller wants the
 * target's Contact to satisfy, e.g.
 * {@code *;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";require;explicit}.
 *
 * <pre>
 * Accept-Contact = ("Accept-Contact" / "a") HCOLON ac-value *(COMMA ac-value)
 * ac-value       = "*" *(SEMI ac-params)
 * ac-params      = feature-param / req-param / explicit-param / generic-param
 * req-param      = "require"        explicit-param = "explicit"
 * </pre>
 */
public record AcceptContact(Parameters params) {

    /** {@code *} with the given feature parameters, plus {@code ;require} and {@code ;explicit} if asked. */
    public static AcceptContact of(FeatureTags tags, boolean require, boolean explicit) {
        Parameters p = tags.params();
        if (require) {
            p = p.with("require", null);
        }
        if (explicit) {
            p = p.with("explicit", null);
        }
        return new AcceptContact(p);
    }

    public static AcceptContact parse(String value) {
        return new AcceptContact(parseStarValue(value, HeaderNames.ACCEPT_CONTACT));
    }

    /** Parses a whole header value (a comma-separated list). */
    public static List<AcceptContact> parseList(String value) {
        List<AcceptContact> out = new ArrayList<>(1);
        for (String p : split(value, HeaderNames.ACCEPT_CONTACT)) {
            out.add(parse(p));
        }
        return out;
    }

    /** {@code "*" *(SEMI params)}, shared with Reject-Contact. */
    static Parameters parseStarValue(String value, String header) {
        Scanner sc = new Scanner(value, header);
        sc.skipLws();
        if (!sc.accept('*')) {
            throw sc.fail("value must start with '*'");
        }
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return params;
    }

    static List<String> split(String value, String header) {
        List<String> parts = new ArrayList<>(1);
        Headers.splitList(value, parts);
        if (parts.isEmpty()) {
            throw new SipParseException("Bad " + header + ": empty", 0);
        }
        return parts;
    }

    public FeatureTags featureTags() {
        return FeatureTags.of(params);
    }

    public boolean require() {
        return params.has("require");
    }

    public boolean explicit() {
        return params.has("explicit");
    }

    /** Whether a Contact with these feature tags matches the predicate (RFC 3841 §7.2.4). */
    public boolean matchedBy(FeatureTags contact) {
        return contact.satisfies(featureTags());
    }

    @Override
    public String toString() {
        return "*" + params;
    }
}
