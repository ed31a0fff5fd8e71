package org.opencpm.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;

/** The MSRP media line and attributes of SDP (RFC 4975 §8, RFC 6135). */
class MsrpMediaTest {

    private static final String OFFER = "m=message 7394 TCP/MSRP *\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "a=accept-types:message/cpim application/im-iscomposing+xml\r\n"
            + "a=accept-wrapped-types:text/plain message/imdn+xml\r\n"
            + "a=path:msrp://192.0.2.10:7394/2s93i93idk;tcp\r\n"
            + "a=setup:actpass\r\n"
            + "a=max-size:1048576\r\n"
            + "a=sendrecv\r\n";

    @Test
    void anOfferedMediaSectionParsesIntoItsAttributes() {
        MsrpMedia media = MsrpMedia.parse(OFFER);

        assertThat(media.port()).isEqualTo(7394);
        assertThat(media.secure()).isFalse();
        assertThat(media.path()).containsExactly(MsrpUri.parse("msrp://192.0.2.10:7394/2s93i93idk;tcp"));
        assertThat(media.acceptTypes()).containsExactly("message/cpim", "application/im-iscomposing+xml");
        assertThat(media.acceptWrappedTypes()).containsExactly("text/plain", "message/imdn+xml");
        assertThat(media.setup()).isEqualTo(SdpSetup.ACTPASS);
        assertThat(media.maxSize()).isEqualTo(1048576L);
    }

    @Test
    void aBuiltMediaSectionParsesBackToTheSameValue() {
        MsrpUri local = MsrpUri.parse("msrps://[2001:db8::1]:2855/abc;tcp");
        MsrpMedia ours = MsrpMedia.of(local, List.of("message/cpim"), List.of(), SdpSetup.PASSIVE, null);

        String sdp = ours.toSdp();

        assertThat(sdp).startsWith("m=message 2855 TCP/TLS/MSRP *\r\n").contains("a=setup:passive\r\n")
                .doesNotContain("accept-wrapped").doesNotContain("max-size");
        assertThat(MsrpMedia.parse(sdp)).isEqualTo(ours);
    }

    @Test
    void theAnswerToActpassIsThePreferredRoleAndOtherOffersAreMirrored() {
        assertThat(SdpSetup.answerFor(SdpSetup.ACTPASS, SetupRole.ACTIVE)).isEqualTo(SdpSetup.ACTIVE);
        assertThat(SdpSetup.answerFor(SdpSetup.ACTPASS, SetupRole.PASSIVE)).isEqualTo(SdpSetup.PASSIVE);
        assertThat(SdpSetup.answerFor(SdpSetup.ACTIVE, SetupRole.ACTIVE)).isEqualTo(SdpSetup.PASSIVE);
        assertThat(SdpSetup.answerFor(SdpSetup.PASSIVE, SetupRole.PASSIVE)).isEqualTo(SdpSetup.ACTIVE);
        assertThat(SdpSetup.offererRole(SdpSetup.ACTIVE)).isEqualTo(SetupRole.PASSIVE);
        assertThat(SdpSetup.offererRole(SdpSetup.PASSIVE)).isEqualTo(SetupRole.ACTIVE);
    }

    @Test
    void withoutASetupAttributeTheOffererConnectsAsInRfc4975() {
        assertThat(SdpSetup.answerFor(null, SetupRole.ACTIVE)).isEqualTo(SdpSetup.PASSIVE);
        assertThat(SdpSetup.offererRole(null)).isEqualTo(SetupRole.ACTIVE);
    }

    @Test
    void sessionParametersComeFromOurPathAndTheirs() {
        MsrpUri local = MsrpUri.parse("msrp://127.0.0.1:2855/ours;tcp");
        MsrpMedia ours = MsrpMedia.of(local, List.of("message/cpim"), List.of(), SdpSetup.ACTIVE, null);

        MsrpSessionParameters p = MsrpMedia.sessionParameters(ours, MsrpMedia.parse(OFFER), SetupRole.ACTIVE);

        assertThat(p.localUri()).isEqualTo(local);
        assertThat(p.remotePath()).containsExactly(MsrpUri.parse("msrp://192.0.2.10:7394/2s93i93idk;tcp"));
        assertThat(p.acceptTypes()).containsExactly("message/cpim");
        assertThat(p.peerMaxSize()).isEqualTo(1048576L);
    }

    @Test
    void malformedMediaSectionsAreRefusedWithAnSdpError() {
        for (String bad : List.of("m=audio 4000 RTP/AVP 0\r\n", "m=message x TCP/MSRP *\r\na=path:msrp://a:1/s;tcp\r\n",
                "m=message 1 TCP/MSRP *\r\na=accept-types:*\r\n",
                "m=message 1 TCP/MSRP *\r\na=accept-types:*\r\na=path:http://a/b\r\n",
                "m=message 1 TCP/MSRP *\r\na=accept-types:*\r\na=path:msrp://a:1/s;tcp\r\na=setup:sideways\r\n")) {
            assertThatThrownBy(() -> MsrpMedia.parse(bad)).as(bad).isInstanceOf(MsrpSdpException.class);
        }
    }
}
