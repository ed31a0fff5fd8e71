package org.opencpm.server.cf;

import java.util.List;
import java.util.Locale;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;

/**
 * What the focus sends on for one message a participant sent in a group session (reference §8): group
 * chat carries real URIs in CPIM, so the CPIM {@code From} is set to the sender's URI as the focus knows
 * it (a client cannot speak for another member); a CPIM {@code To} naming one participant other than the
 * focus (a disposition notification, a private message) goes to that participant only.
 */
final class FanOut {

    /** The bytes to send and, for a message to one participant, that participant's URI (else null: everyone). */
    record Delivery(byte[] body, String privateTo) {
    }

    private FanOut() {
    }

    static Delivery prepare(String sender, String focus, String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("message/cpim")) {
            return new Delivery(body, null);
        }
        CpimMessage cpim;
        try {
            cpim = CpimMessage.parse(body);
        } catch (CpimParseException e) {
            return new Delivery(body, null); // not ours to judge: the receivers' clients report it
        }
        String privateTo = null;
        List<CpimAddress> to = cpim.to();
        if (to.size() == 1) {
            String t = to.get(0).uri();
            if (!sameUri(t, focus) && !t.toLowerCase(Locale.ROOT).contains("anonymous.invalid")) {
                privateTo = t;
            }
        }
        boolean fromOk = cpim.from().map(f -> sameUri(f.uri(), sender)).orElse(false);
        byte[] out = fromOk ? body : cpim.toBuilder().from(CpimAddress.of(sender)).build().toBytes();
        return new Delivery(out, privateTo);
    }

    private static boolean sameUri(String a, String b) {
        return a.equalsIgnoreCase(b);
    }
}
