package org.opencpm.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;

class SipMessageParserTest {

    static final String INVITE = String.join("\r\n",
            "INVITE sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK776asdhds;rport",
            "v: SIP/2.0/TCP [2001:db8::9]:5070;branch=z9hG4bKnashds8;received=192.0.2.1",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@example.com>",
            "f: \"Alice \\\"A\\\" Liddell\" <sip:alice@example.com>;tag=1928301774",
            "i: a84b4c76e66710@pc33.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@127.0.0.1:5062;transport=udp>;+sip.instance=\"<urn:gsma:imei:35-209900-176148-1>\"",
            "Subject: folded",
            "  over two lines",
            "c: application/sdp",
            "l: 4",
            "",
            "v=0\r\n");

    private final SipMessageParser parser = new SipMessageParser();

    private ParseResult parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parser.parseDatagram(b, 0, b.length);
    }

    @Test
    void parsesAnInviteWithCompactFormsFoldingQuotedPairsAndIpv6() {
        ParseResult r = parse(INVITE);
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        SipRequest req = (SipRequest) ((ParseResult.Parsed) r).message();
        assertThat(req.method()).isEqualTo("INVITE");
        assertThat(req.requestUri()).isEqualTo(SipUri.parse("sip:bob@example.com"));
        assertThat(req.vias()).hasSize(2);
        assertThat(req.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(req.topVia().hasRport()).isTrue();
        assertThat(req.vias().get(1).host()).isEqualTo("[2001:db8::9]");
        assertThat(req.vias().get(1).port()).isEqualTo(5070);
        assertThat(req.from().displayName()).isEqualTo("Alice \"A\" Liddell");
        assertThat(req.from().tag()).isEqualTo("1928301774");
        assertThat(req.callId()).isEqualTo("a84b4c76e66710@pc33.example.com");
        assertThat(req.cseq().sequence()).isEqualTo(314159);
        assertThat(req.header("Subject")).isEqualTo("folded over two lines");
        assertThat(req.contacts().get(0).param("+sip.instance")).isEqualTo("<urn:gsma:imei:35-209900-176148-1>");
        assertThat(req.bodyAsString()).isEqualTo("v=0\r");
        assertThat(req.contentType()).isEqualTo("application/sdp");
    }

    @Test
    void serializesAndReparsesToTheSameMessage() {
        SipRequest req = (SipRequest) ((ParseResult.Parsed) parse(INVITE)).message();
        byte[] out = req.toBytes();
        SipRequest again = (SipRequest) ((ParseResult.Parsed) parser.parseDatagram(out, 0, out.length)).message();
        assertThat(again.toString()).isEqualTo(req.toString());
        assertThat(again.header("Content-Length")).isNull();
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("Content-Length: 4\r\n\r\nv=0\r");
    }

    @Test
    void aRequestWithoutCallIdIsABadRequestNamingTheFault() {
        ParseResult r = parse(INVITE.replace("i: a84b4c76e66710@pc33.example.com\r\n", ""));
        assertThat(r).isEqualTo(new ParseResult.BadRequest(400, "Missing Call-ID", "INVITE",
                ((ParseResult.BadRequest) r).headers()));
    }

    @Test
    void aContentLengthLargerThanTheDatagramIsABadRequest() {
        ParseResult r = parse(INVITE.replace("l: 4", "l: 9999"));
        assertThat(((ParseResult.BadRequest) r).fault()).isEqualTo("Content-Length larger than message");
    }

    @Test
    void anUnknownSipVersionGets505() {
        ParseResult r = parse(INVITE.replace("sip:bob@example.com SIP/2.0", "sip:bob@example.com SIP/7.0"));
        assertThat(((ParseResult.BadRequest) r).status()).isEqualTo(505);
    }

    @Test
    void aMalformedResponseIsUnparseableAndDropped() {
        String resp = INVITE.replace("INVITE sip:bob@example.com SIP/2.0", "SIP/2.0 4294967301 better not break the receiver");
        assertThat(parse(resp)).isInstanceOf(ParseResult.Unparseable.class);
    }

    @Test
    void createResponseCopiesTheHeadersOfRfc3261Section8263() {
        SipRequest req = (SipRequest) ((ParseResult.Parsed) parse(INVITE)).message();
        SipResponse resp = req.createResponse(180);
        assertThat(resp.vias()).hasSize(2);
        assertThat(resp.callId()).isEqualTo(req.callId());
        assertThat(resp.header("Contact")).isNull();
        assertThat(resp.reason()).isEqualTo("Ringing");
    }

    @Test
    void theWriterKeepsNonAsciiTextAddedToAnAsciiMessageAsUtf8() {
        SipRequest req = (SipRequest) ((ParseResult.Parsed) parse(INVITE)).message();
        String out = new String(req.toBuilder().add("Subject", "Grüße ☺").build().toBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("\r\nSubject: Grüße ☺\r\n");
        String resp = new String(req.createResponse(200, "Très bien").toBytes(), StandardCharsets.UTF_8);
        assertThat(resp).startsWith("SIP/2.0 200 Très bien\r\n");
        SipRequest viaUri = req.toBuilder().requestUri(SipUri.parse("sip:%C3%A9@example.com")).build();
        assertThat(new String(viaUri.toBytes(), StandardCharsets.UTF_8)).startsWith("INVITE sip:%C3%A9@example.com SIP/2.0\r\n");
        byte[] plain = req.toBytes();
        assertThat(((ParseResult.Parsed) parser.parseDatagram(plain, 0, plain.length)).message().toBytes()).isEqualTo(plain);
    }
}
