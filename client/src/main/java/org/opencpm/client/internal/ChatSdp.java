package org.opencpm.client.internal;

import java.util.List;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.MsrpSdpException;
import org.opencpm.msrp.sdp.SdpSetup;

/**
 * The SDP of a 1-1 chat (reference §10, RFC 4975 §8, RFC 6135): one {@code m=message … TCP/MSRP *}
 * section accepting CPIM, wrapping text and IMDN documents.
 *
 * <pre>
 * v=0
 * o=- 3900000000 3900000000 IN IP4 127.0.0.1
 * s=-
 * c=IN IP4 127.0.0.1
 * t=0 0
 * m=message 40123 TCP/MSRP *
 * a=accept-types:message/cpim
 * a=accept-wrapped-types:text/plain message/imdn+xml
 * a=path:msrp://127.0.0.1:40123/k3j2h1;tcp
 * a=setup:active
 * a=sendrecv
 * </pre>
 */
final class ChatSdp {

    static final String CONTENT_TYPE = "application/sdp";
    static final List<String> ACCEPT_TYPES = List.of("message/cpim");
    static final List<String> ACCEPT_WRAPPED_TYPES = List.of("text/plain", "message/imdn+xml");

    private ChatSdp() {
    }

    /** Our media description for {@code localUri} with {@code setup}. */
    static MsrpMedia media(MsrpUri localUri, SdpSetup setup) {
        return MsrpMedia.of(localUri, ACCEPT_TYPES, ACCEPT_WRAPPED_TYPES, setup, null);
    }

    /** The whole SDP body around our media description. */
    static String body(String host, long sessionVersion, MsrpMedia media) {
        String ipVersion = host.indexOf(':') >= 0 ? "IP6" : "IP4";
        String addr = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return "v=0\r\n"
                + "o=- " + sessionVersion + " " + sessionVersion + " IN " + ipVersion + " " + addr + "\r\n"
                + "s=-\r\n"
                + "c=IN " + ipVersion + " " + addr + "\r\n"
                + "t=0 0\r\n"
                + media.toSdp()
                + "a=sendrecv\r\n";
    }

    /**
     * The peer's MSRP media description: the first {@code m=message} section of its SDP.
     *
     * @throws MsrpSdpException if there is none or it is malformed
     */
    static MsrpMedia peerMedia(String sdp) {
        int at = sdp.startsWith("m=message") ? 0 : sdp.indexOf("\nm=message");
        if (at < 0) {
            throw new MsrpSdpException("no m=message media in the SDP");
        }
        return MsrpMedia.parse(sdp.substring(at == 0 ? 0 : at + 1));
    }
}
