package org.opencpm.msrp.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;
import static org.opencpm.msrp.xml.TestResources.crlf;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.msrp.cpim.CpimParseException.Reason;

/**
 * Bad bodies, one row each: every one is refused with a {@link CpimParseException} carrying the
 * reason and the byte offset of the offending line, never with another exception.
 */
class MalformedCpimTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // 1. no empty line after the CPIM headers
                Arguments.of("From: <sip:a@x>\r\nTo: <sip:b@x>", Reason.MISSING_EMPTY_LINE, 17),
                // 2. no colon
                Arguments.of("From <sip:a@x>\r\n\r\n", Reason.MALFORMED_HEADER, 0),
                // 3. RFC 3862 §3.1 NAMECHAR excludes SP
                Arguments.of("Bad Name: x\r\n\r\n", Reason.MALFORMED_HEADER, 0),
                // 4. two dots: Header-name = [ Name-prefix "." ] Name
                Arguments.of("a.b.c: x\r\n\r\n", Reason.MALFORMED_HEADER, 0),
                // 5. CPIM header lines are not folded
                Arguments.of("Subject: a\r\n b\r\n\r\n", Reason.MALFORMED_HEADER, 12),
                // 6. From without <URI>
                Arguments.of("From: Winnie the Pooh\r\n\r\n", Reason.INVALID_HEADER_VALUE, 0),
                // 7. unterminated quoted formal name
                Arguments.of("To: \"Pooh <im:pooh@x>\r\n\r\n", Reason.INVALID_HEADER_VALUE, 0),
                // 8. DateTime not RFC 3339
                Arguments.of("From: <sip:a@x>\r\nDateTime: yesterday\r\n\r\n", Reason.INVALID_HEADER_VALUE, 17),
                // 9. NS without <URI>
                Arguments.of("NS: imdn urn:ietf:params:imdn\r\n\r\n", Reason.INVALID_HEADER_VALUE, 0),
                // 10. two From headers
                Arguments.of("From: <sip:a@x>\r\nFrom: <sip:b@x>\r\n\r\n", Reason.DUPLICATE_HEADER, 17),
                // 11. control character in a value
                Arguments.of("Subject: a\u0001b\r\n\r\n", Reason.INVALID_CHARACTERS, 0),
                // 12. encapsulated headers never end
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Type: text/plain\r\n", Reason.MISSING_EMPTY_LINE, 45),
                // 13. encapsulated header without colon
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Type text/plain\r\n\r\nx", Reason.MALFORMED_HEADER, 19),
                // 14. Content-Length not a number
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Length: -1\r\n\r\nx", Reason.INVALID_CONTENT_LENGTH, 19),
                // 15. Content-Length larger than the body
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Length: 10\r\n\r\nabc", Reason.INVALID_CONTENT_LENGTH, 41),
                // 16. two Content-Length headers
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
                        Reason.DUPLICATE_HEADER, 38),
                // 17. continuation line before any encapsulated header
                Arguments.of("From: <sip:a@x>\r\n\r\n folded\r\n\r\nx", Reason.MALFORMED_HEADER, 19),
                // 18. empty body
                Arguments.of("", Reason.MISSING_EMPTY_LINE, 0),
                // 19. Content-Length overflowing an int
                Arguments.of("From: <sip:a@x>\r\n\r\nContent-Length: 99999999999\r\n\r\nx",
                        Reason.INVALID_CONTENT_LENGTH, 19));
    }

    @ParameterizedTest(name = "row {index}: {1}")
    @MethodSource("rows")
    void aMalformedBodyIsRefusedWithItsReasonAndOffset(String body, Reason reason, int offset) {
        Throwable thrown = catchThrowable(() -> CpimMessage.parse(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).isInstanceOf(CpimParseException.class);
        CpimParseException e = (CpimParseException) thrown;
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.offset()).isEqualTo(offset);
    }

    @Test
    void headerBytesThatAreNotUtf8AreRefused() {
        byte[] body = {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n', '\r', '\n'};

        Throwable thrown = catchThrowable(() -> CpimMessage.parse(body));

        assertThat(thrown).isInstanceOf(CpimParseException.class);
        assertThat(((CpimParseException) thrown).reason()).isEqualTo(Reason.INVALID_CHARACTERS);
    }

    @Test
    void contentThatIsNotBase64IsRefusedWhenDecoded() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("""
                From: <sip:a@x>

                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                !!!not base64!!!"""));

        Throwable thrown = catchThrowable(m::decodedContent);

        assertThat(thrown).isInstanceOf(CpimParseException.class);
        assertThat(((CpimParseException) thrown).reason()).isEqualTo(Reason.INVALID_TRANSFER_ENCODING);
    }

    @Test
    void everyTruncationOfARealMessageIsEitherParsedOrRefusedWithCpimParseException() {
        byte[] whole = bytes("cpim/rcs-group-chat-base64.txt");
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            Throwable thrown = catchThrowable(() -> CpimMessage.parse(cut).decodedContent());
            if (thrown != null) {
                assertThat(thrown).as("truncated at %d", length).isInstanceOf(CpimParseException.class);
            }
        }
    }
}
