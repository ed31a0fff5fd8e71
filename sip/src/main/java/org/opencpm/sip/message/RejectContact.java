package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One value of the Reject-Contact header (RFC 3841 §9.2): Contacts that satisfy this feature
 * predicate are not targets. A PF fanning a message out to a user's other devices excludes the
 * sender's own with {@code Reject-Contact: *;+sip.instance="<urn:gsma:imei:...>"} (reference §11).
 *
 * <pre>
 * Reject-Contact = ("Reject-Contact" / "j") HCOLON rc-value *(COMMA rc-value)
 * rc-value       = "*" *(SEMI rc-params)      ; rc-params = feature-param / generic-param
 * </pre>
 */
public record RejectContact(Parameters params) {

    public static RejectContact of(FeatureTags tags) {
        return new RejectContact(tags.params());
    }

    public static RejectContact parse(String value) {
        return new RejectContact(AcceptContact.parseStarValue(value, HeaderNames.REJECT_CONTACT));
    }

    public static List<RejectContact> parseList(String value) {
        List<RejectContact> out = new ArrayList<>(1);
        for (String p : AcceptContact.split(value, HeaderNames.REJECT_CONTACT)) {
            out.add(parse(p));
        }
        return out;
    }

    public FeatureTags featureTags() {
        return FeatureTags.of(params);
    }

    /** Whether a Contact with these feature tags is rejected. */
    public boolean rejects(FeatureTags contact) {
        return contact.satisfies(featureTags());
    }

    @Override
    public String toString() {
        return "*" + params;
    }
}
