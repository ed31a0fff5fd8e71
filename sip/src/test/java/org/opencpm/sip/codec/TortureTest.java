package org.opencpm.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.sip.message.SipMessage;

/**
 * RFC 4475 §3: every torture message, read from {@code torture/<name>.dat}, through
 * {@link SipMessageParser#parseDatagram}. Each row states the treatment the RFC asks of a parser:
 * well-formed messages are {@code Parsed} (even where the TU will later answer 4xx, as noted),
 * malformed requests that can be answered are a {@code BadRequest} with the status and a fragment
 * of the fault phrase, malformed responses are {@code Unparseable} (dropped). Every parsed message
 * also survives serialize → reparse unchanged.
 */
public class TortureTest {

    /** Expected treatment: "parsed", or "400"/"505" plus a fault fragment, or "dropped". */
    record Row(int no, String section, String name, String expect, String fault, String note) {
        @Override
        public String toString() {
            return no + " " + section + " " + name + " → " + expect + (fault == null ? "" : " (" + fault + ")");
        }
    }

    private static final Row[] TABLE = {
        new Row(1, "3.1.1.1", "wsinv", "parsed", null, "tortuous whitespace, folding, compact forms"),
        new Row(2, "3.1.1.2", "intmeth", "parsed", null, "TU answers 501 (unknown method)"),
        new Row(3, "3.1.1.3", "esc01", "parsed", null, null),
        new Row(4, "3.1.1.4", "escnull", "parsed", null, null),
        new Row(5, "3.1.1.5", "esc02", "parsed", null, "TU answers 501: RE%47IST%45R is not REGISTER"),
        new Row(6, "3.1.1.6", "lwsdisp", "parsed", null, null),
        new Row(7, "3.1.1.7", "longreq", "parsed", null, null),
        new Row(8, "3.1.1.8", "dblreq", "parsed", null, "octets after Content-Length discarded"),
        new Row(9, "3.1.1.9", "semiuri", "parsed", null, null),
        new Row(10, "3.1.1.10", "transports", "parsed", null, null),
        new Row(11, "3.1.1.11", "mpart01", "parsed", null, null),
        new Row(12, "3.1.1.12", "unreason", "parsed", null, null),
        new Row(13, "3.1.1.13", "noreason", "parsed", null, null),
        new Row(14, "3.1.2.1", "badinv01", "400", "Bad Via", null),
        new Row(15, "3.1.2.2", "clerr", "400", "Content-Length larger than message", null),
        new Row(16, "3.1.2.3", "ncl", "400", "Bad Content-Length", null),
        new Row(17, "3.1.2.4", "scalar02", "400", "Bad CSeq: sequence number out of range", null),
        new Row(18, "3.1.2.5", "scalarlg", "dropped", "Bad CSeq", "a response: never answered"),
        new Row(19, "3.1.2.6", "quotbal", "400", "Bad To: unterminated quoted string", null),
        new Row(20, "3.1.2.7", "ltgtruri", "400", "Bad Request-URI: enclosed in '<>'", null),
        new Row(21, "3.1.2.8", "lwsruri", "400", "Bad Request-Line", null),
        new Row(22, "3.1.2.9", "lwsstart", "400", "Bad Request-Line", null),
        new Row(23, "3.1.2.10", "trws", "400", "Bad Request-Line", null),
        new Row(24, "3.1.2.11", "escruri", "400", "Bad Request-URI: headers not allowed", null),
        new Row(25, "3.1.2.12", "baddate", "parsed", null, "Date is not interpreted"),
        new Row(26, "3.1.2.13", "regbadct", "400", "Bad Contact: URI with '?' not enclosed in '<>'", null),
        new Row(27, "3.1.2.14", "badaspec", "400", "Bad To: white space inside '<>'", null),
        new Row(28, "3.1.2.15", "baddn", "400", "Bad From: illegal character in display name", null),
        new Row(29, "3.1.2.16", "badvers", "505", "Version Not Supported", null),
        new Row(30, "3.1.2.17", "mismatch01", "400", "CSeq method does not match request method", null),
        new Row(31, "3.1.2.18", "mismatch02", "400", "CSeq method does not match request method", null),
        new Row(32, "3.1.2.19", "bigcode", "dropped", "Bad Status-Code", "a response: never answered"),
        new Row(33, "3.2.1", "badbranch", "parsed", null, "the transaction layer treats branch=z9hG4bK as RFC 2543"),
        new Row(34, "3.3.1", "insuf", "400", "Missing", null),
        new Row(35, "3.3.2", "unkscm", "parsed", null, "TU answers 416"),
        new Row(36, "3.3.3", "novelsc", "parsed", null, "TU answers 416"),
        new Row(37, "3.3.4", "unksm2", "parsed", null, null),
        new Row(38, "3.3.5", "bext01", "parsed", null, "TU answers 420"),
        new Row(39, "3.3.6", "invut", "parsed", null, "TU answers 415"),
        new Row(40, "3.3.7", "regaut01", "parsed", null, "TU answers 401"),
        new Row(41, "3.3.8", "multi01", "400", "Multiple", null),
        new Row(42, "3.3.9", "mcl01", "400", "Multiple Content-Length headers", null),
        new Row(43, "3.3.10", "bcast", "parsed", null, "the transport does not send to 255.255.255.255"),
        new Row(44, "3.3.11", "zeromf", "parsed", null, "TU answers 483 (or a UAS answers OPTIONS)"),
        new Row(45, "3.3.12", "cparam01", "parsed", null, "unknownparam is a Contact header parameter"),
        new Row(46, "3.3.13", "cparam02", "parsed", null, "unknownparam is a URI parameter"),
        new Row(47, "3.3.14", "regescrt", "parsed", null, "the registrar must not store the escaped Route"),
        new Row(48, "3.3.15", "sdp01", "parsed", null, "TU answers 406"),
        new Row(49, "3.4.1", "inv2543", "parsed", null, "RFC 2543 syntax: no branch, no Max-Forwards"),
    };

    static Stream<Arguments> rows() {
        return Stream.of(TABLE).map(Arguments::of);
    }

    static Stream<String> names() {
        return Stream.of(TABLE).map(Row::name);
    }

    /** The bytes of {@code torture/<name>.dat}, for other tests that use the RFC 4475 messages. */
    public static byte[] loadFixture(String name) {
        return load(name);
    }

    static byte[] load(String name) {
        try (InputStream in = TortureTest.class.getResourceAsStream("/torture/" + name + ".dat")) {
            assertThat(in).as("torture/%s.dat", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final SipMessageParser parser = new SipMessageParser();

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachTortureMessageGetsTheTreatmentRfc4475Asks(Row row) {
        byte[] b = load(row.name());
        ParseResult r = parser.parseDatagram(b, 0, b.length);
        switch (row.expect()) {
            case "parsed" -> {
                assertThat(r).as(row.toString()).isInstanceOf(ParseResult.Parsed.class);
                SipMessage m = ((ParseResult.Parsed) r).message();
                byte[] out = m.toBytes();
                ParseResult again = parser.parseDatagram(out, 0, out.length);
                assertThat(again).as("reparse of " + row.name()).isInstanceOf(ParseResult.Parsed.class);
                SipMessage m2 = ((ParseResult.Parsed) again).message();
                assertThat(m2.toBytes()).as("round trip of " + row.name()).isEqualTo(out);
                assertThat(m2.headers().all()).isEqualTo(m.headers().all());
                assertThat(m2.body()).isEqualTo(m.body());
            }
            case "dropped" -> {
                assertThat(r).as(row.toString()).isInstanceOf(ParseResult.Unparseable.class);
                assertThat(((ParseResult.Unparseable) r).fault()).as(row.toString()).contains(row.fault());
            }
            default -> {
                assertThat(r).as(row.toString()).isInstanceOf(ParseResult.BadRequest.class);
                ParseResult.BadRequest bad = (ParseResult.BadRequest) r;
                assertThat(bad.status()).as(row.toString()).isEqualTo(Integer.parseInt(row.expect()));
                assertThat(bad.fault()).as(row.toString()).contains(row.fault());
            }
        }
    }
}
