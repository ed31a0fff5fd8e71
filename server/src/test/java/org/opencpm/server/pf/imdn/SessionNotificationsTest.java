package org.opencpm.server.pf.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.server.pf.imdn.ImdnTestBed.delivered;
import static org.opencpm.server.pf.imdn.ImdnTestBed.displayed;
import static org.opencpm.server.pf.imdn.ImdnTestBed.interworked;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.server.pf.media.MediaPlane.Side;
import org.opencpm.server.pf.media.MessageInspector.Verdict;
import org.opencpm.sip.message.SipUri;

/**
 * The IMDN rules on the MSRP relay of alice's CPM Session with bob (B2BUA): notifications from alice's client
 * follow §8.2.4, notifications from the network about alice's messages follow §8.3.4/§8.3.5. The inspector
 * is driven as the relay drives it; what it sends on is recorded.
 */
class SessionNotificationsTest {

    private final ImdnTestBed bed = new ImdnTestBed();
    private final List<String> sent = new ArrayList<>();
    private final SessionNotifications session = bed.pf().notifications()
            .forSession(SipUri.parse("sip:alice@example.com"), "s1").withPeer("sip:bob@example.com");

    SessionNotificationsTest() {
        session.attached((to, contentType, body) -> {
            try {
                sent.add(to + " " + ImdnMessages.documents(CpimMessage.parse(body)).get(0).messageId());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return true;
        });
    }

    private static byte[] anonymous(String contentType, String content) {
        return ("From: <sip:anonymous@anonymous.invalid>\r\nTo: <sip:anonymous@anonymous.invalid>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: X" + content.hashCode()
                + "\r\nDateTime: 2026-11-22T03:00:01Z\r\n\r\nContent-Type: " + contentType
                + (contentType.contains("imdn") ? "\r\nContent-Disposition: notification" : "") + "\r\n\r\n" + content)
                .getBytes(StandardCharsets.UTF_8);
    }

    private Verdict inspect(Side from, String notification) {
        Verdict v = session.inspect(from, "message/cpim", anonymous("message/imdn+xml", ImdnTestBed.xml(notification)));
        bed.clock.runPending();
        return v;
    }

    @Test
    @DisplayName("PF-IMDN-T-04 in a session: the network's delivery notification for alice's message reaches her "
            + "client once; the duplicate is dropped; PF-IMDN-TD-05/06: the forwarded one is stored next to M1")
    void networkDuplicatesAreDropped() {
        assertThat(inspect(Side.NETWORK, delivered("M1"))).isEqualTo(Verdict.TAKE);
        assertThat(inspect(Side.NETWORK, delivered("M1"))).isEqualTo(Verdict.TAKE);
        assertThat(sent).containsExactly("CLIENT M1");
        assertThat(bed.outcomes).containsExactly("alice Forwarded M1 DELIVERY", "alice Suppressed M1 DELIVERY PF-IMDN-T-04");
        assertThat(bed.history.calls).containsExactly("imdn stored sip:alice@example.com M1");
    }

    @Test
    @DisplayName("PF-IMDN-O-01..04 in a session: alice's read report goes to the network once, sets \\Seen, is not stored")
    void clientReadReports() {
        inspect(Side.CLIENT, displayed("B1"));
        inspect(Side.CLIENT, displayed("B1"));
        assertThat(sent).containsExactly("NETWORK B1");
        assertThat(bed.history.calls).containsExactly("seen sip:alice@example.com B1");
        assertThat(bed.outcomes).containsExactly("alice Forwarded B1 DISPLAY",
                "alice Suppressed B1 DISPLAY PF-IMDN-O-02/PF-IMDN-T-04");
    }

    @Test
    @DisplayName("PF-IMDN-T-07 (AMB-19 b): after an isComposing from bob's side of the session, an interworking "
            + "notification for alice's chat message is not forwarded")
    void interworkingAfterIsComposingIsSuppressed() {
        String composing = "<?xml version=\"1.0\"?><isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">"
                + "<state>active</state><contenttype>text/plain</contenttype></isComposing>";
        assertThat(session.inspect(Side.NETWORK, "message/cpim", anonymous("application/im-iscomposing+xml", composing)))
                .isEqualTo(Verdict.PASS);
        inspect(Side.NETWORK, interworked("M2"));
        assertThat(sent).isEmpty();
        assertThat(bed.outcomes).containsExactly("alice Suppressed M2 INTERWORKING PF-IMDN-T-07");
    }

    @Test
    @DisplayName("PF-IMDN-T-07 applies only after an isComposing: an interworking notification alone is forwarded")
    void interworkingWithoutIsComposingIsForwarded() {
        inspect(Side.NETWORK, interworked("M3"));
        assertThat(sent).containsExactly("CLIENT M3");
    }

    @Test
    @DisplayName("Chat messages and anything not a notification pass the relay untouched")
    void otherMessagesPass() {
        assertThat(session.inspect(Side.CLIENT, "message/cpim", anonymous("text/plain", "hello"))).isEqualTo(Verdict.PASS);
        assertThat(session.inspect(Side.NETWORK, "text/plain", "hi".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Verdict.PASS);
        bed.clock.runPending();
        assertThat(sent).isEmpty();
        assertThat(bed.outcomes).isEmpty();
    }
}
