package org.opencpm.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipResponse;

class ErrorResponsesTest {

    private static ParseResult.BadRequest bad(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return (ParseResult.BadRequest) new SipMessageParser().parseDatagram(b, 0, b.length);
    }

    @Test
    void answersWithTheFaultAsReasonPhraseAndCopiesTheDialogHeaders() {
        SipResponse r = ErrorResponses.forBadRequest(bad("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1, SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK0\r\n"
                + "To: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=a\r\n"
                + "CSeq: 1 OPTIONS\r\nSubject: kept out\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("Missing Call-ID");
        assertThat(r.vias()).hasSize(2);
        assertThat(r.to().tag()).isNotBlank();
        assertThat(r.from().tag()).isEqualTo("a");
        assertThat(r.header("CSeq")).isEqualTo("1 OPTIONS");
        assertThat(r.hasHeader("Subject")).isFalse();
    }

    @Test
    void keepsAToTagThatIsThere() {
        SipResponse r = ErrorResponses.forBadRequest(bad("BYE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\n"
                + "To: <sip:bob@example.com>;tag=b\r\nFrom: <sip:alice@example.com>;tag=a\r\n"
                + "Call-ID: c1\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.reason()).isEqualTo("CSeq method does not match request method");
        assertThat(r.to().tag()).isEqualTo("b");
        assertThat(r.callId()).isEqualTo("c1");
    }
}
