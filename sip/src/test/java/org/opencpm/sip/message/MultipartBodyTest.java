package org.opencpm.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;

class MultipartBodyTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=message 7394 TCP/MSRP *\r\na=accept-types:message/cpim\r\na=path:msrp://192.0.2.1:7394/s111;tcp\r\n";
    private static final String LIST = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">\r\n <list>\r\n"
            + "  <entry uri=\"sip:bill@example.com\"/>\r\n </list>\r\n</resource-lists>\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tortureMessageMpart01SplitsIntoItsTextAndBinaryParts() {
        byte[] b = org.opencpm.sip.codec.TortureTest.loadFixture("mpart01");
        SipMessage m = ((ParseResult.Parsed) new SipMessageParser().parseDatagram(b, 0, b.length)).message();
        MultipartBody mp = MultipartBody.parse(m.typedContentType(), m.body());
        assertThat(mp.parts()).hasSize(2);
        MultipartBody.Part text = mp.parts().get(0);
        assertThat(text.contentType().is("text/plain")).isTrue();
        assertThat(text.header("Content-Transfer-Encoding")).isEqualTo("binary");
        assertThat(text.bodyAsString()).isEqualTo("Hello");
        MultipartBody.Part bin = mp.parts().get(1);
        assertThat(bin.contentType().is("application", "octet-stream")).isTrue();
        assertThat(bin.body()).startsWith(0x30, 0x82, 0x01, 0x52, 0x06, 0x09, 0x2A, 0x86, '\r', '\n', 0x48);
        assertThat(bin.body()).endsWith(0xBC, 0x99, 0xD0, 0x05);
        assertThat(bin.body()).contains(0x00);
        assertThat(bin.body()).hasSize(m.body().length - 209);
    }

    @Test
    void parsesTheRfc5366InviteBodyOfSdpAndResourceList() {
        String body = "--boundary1\r\nContent-Type: application/sdp\r\n\r\n" + SDP
                + "\r\n--boundary1\r\nContent-Type: application/resource-lists+xml\r\n"
                + "Content-Disposition: recipient-list\r\n\r\n" + LIST + "\r\n--boundary1--\r\n";
        MultipartBody mp = MultipartBody.parse(ContentType.parse("multipart/mixed;boundary=\"boundary1\""), bytes(body));
        assertThat(mp.first("application/sdp").bodyAsString()).isEqualTo(SDP);
        assertThat(mp.first("application/resource-lists+xml").header("content-disposition")).isEqualTo("recipient-list");
        assertThat(mp.first("application/resource-lists+xml").bodyAsString()).isEqualTo(LIST);
        assertThat(mp.first("message/cpim")).isNull();
    }

    @Test
    void theBuilderWritesWhatTheParserReadsBack() {
        MultipartBody built = MultipartBody.builder("mixed")
                .part("application/sdp", SDP)
                .part(MultipartBody.Part.of("application/resource-lists+xml", LIST).with("Content-Disposition", "recipient-list"))
                .build();
        String boundary = built.contentType().boundary();
        assertThat(boundary).startsWith("opencpm-");
        byte[] wire = built.toBytes();
        assertThat(new String(wire, StandardCharsets.UTF_8)).startsWith("--" + boundary + "\r\nContent-Type: application/sdp\r\n\r\nv=0")
                .endsWith(LIST + "\r\n--" + boundary + "--\r\n");
        MultipartBody again = MultipartBody.parse(ContentType.parse(built.contentType().toString()), wire);
        assertThat(again.parts()).isEqualTo(built.parts());
    }

    @Test
    void relatedBodiesCarryTheirTypeParameter() {
        MultipartBody mp = MultipartBody.builder("related").param("type", "message/cpim").boundary("b1")
                .part("message/cpim", "From: <sip:a@b>\r\n\r\nContent-Type: text/plain\r\n\r\nhi").build();
        assertThat(mp.contentType()).hasToString("multipart/related;type=\"message/cpim\";boundary=b1");
    }

    @Test
    void crlfAndBoundaryEdgeCases() {
        // a preamble, transport padding after a delimiter, a body ending in CRLF, a line that only starts
        // like the boundary, a part without headers, LF-only line ends, and an epilogue
        String body = "This is the preamble.\r\n--xyz  \r\nContent-Type: text/plain\r\n\r\nline one\r\n--xyzzy is not a delimiter\r\n\r\n"
                + "--xyz\r\n\r\nno headers here\r\n--xyz\nContent-Type: text/plain\n\nlf only\n--xyz--\r\nepilogue\r\n";
        MultipartBody mp = MultipartBody.parse(ContentType.parse("multipart/mixed; boundary=xyz"), bytes(body));
        assertThat(mp.parts()).hasSize(3);
        assertThat(mp.parts().get(0).bodyAsString()).isEqualTo("line one\r\n--xyzzy is not a delimiter\r\n");
        assertThat(mp.parts().get(1).headers()).isEmpty();
        assertThat(mp.parts().get(1).contentType().is("text/plain")).isTrue();
        assertThat(mp.parts().get(1).bodyAsString()).isEqualTo("no headers here");
        assertThat(mp.parts().get(2).bodyAsString()).isEqualTo("lf only");
    }

    @Test
    void foldedPartHeadersAreUnfolded() {
        String body = "--b\r\nContent-Type: text/plain;\r\n charset=UTF-8\r\n\r\nx\r\n--b--";
        MultipartBody mp = MultipartBody.parse(ContentType.parse("multipart/mixed;boundary=b"), bytes(body));
        assertThat(mp.parts().get(0).contentType().charset()).isEqualTo("UTF-8");
    }

    @Test
    void aBadBodyIsATypedErrorNamingTheFault() {
        ContentType ct = ContentType.parse("multipart/mixed;boundary=b");
        bad(ContentType.parse("multipart/mixed"), "--b\r\n\r\nx\r\n--b--", "Bad multipart body: no boundary parameter");
        bad(ContentType.SDP, "v=0", "Bad multipart body: not a multipart type: application/sdp");
        bad(ct, "no delimiter at all", "Bad multipart body: missing first boundary");
        bad(ct, "--b\r\nContent-Type: text/plain\r\n\r\ntruncated", "Bad multipart body: missing close delimiter");
        bad(ct, "--b junk\r\n\r\nx\r\n--b--", "Bad multipart body: text after boundary");
        bad(ct, "--b\r\nno colon here\r\n\r\nx\r\n--b--", "Bad multipart body: bad part header line");
        bad(ContentType.parse("multipart/mixed;boundary=\"" + "x".repeat(71) + "\""), "", "Bad multipart body: boundary must have 1 to 70");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= MultipartBody.MAX_PARTS; i++) {
            many.append("--b\r\n\r\n").append(i).append("\r\n");
        }
        bad(ct, many.append("--b--").toString(), "Bad multipart body: more than 64 parts");
    }

    private static void bad(ContentType ct, String body, String fault) {
        assertThatThrownBy(() -> MultipartBody.parse(ct, bytes(body))).isInstanceOf(SipParseException.class)
                .extracting(e -> ((SipParseException) e).fault()).asString().startsWith(fault);
    }

    @Test
    void aBoundaryThatOccursInAPartIsRefused() {
        assertThatThrownBy(() -> MultipartBody.builder("mixed").boundary("b").part("text/plain", "x\r\n--b\r\n").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
