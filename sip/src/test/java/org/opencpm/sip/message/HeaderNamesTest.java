package org.opencpm.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header-name canonicalization, from strings and straight from the input bytes, as the parser does it. */
class HeaderNamesTest {

    @ParameterizedTest
    @CsvSource({
        "Via, Via", "via, Via", "VIA, Via", "v, Via", "V, Via", "vIa, Via",
        "i, Call-ID", "call-id, Call-ID", "l, Content-Length", "CONTENT-length, Content-Length",
        "a, Accept-Contact", "j, Reject-Contact", "d, Request-Disposition", "x, Session-Expires",
        "o, Event", "b, Referred-By", "conversation-id, Conversation-ID", "inreplyto-contribution-id, InReplyTo-Contribution-ID",
    })
    void knownNamesAndCompactFormsBecomeTheCanonicalConstant(String written, String canonical) {
        assertThat(HeaderNames.canonical(written)).isEqualTo(canonical);
        byte[] b = ("x" + written + ":").getBytes(StandardCharsets.US_ASCII);
        String fromBytes = HeaderNames.canonical(b, 1, b.length - 1);
        assertThat(fromBytes).isEqualTo(canonical);
        assertThat(fromBytes).isSameAs(HeaderNames.canonical(canonical));
        assertThat(new Header(written, "v").name()).isSameAs(fromBytes);
    }

    @ParameterizedTest
    @CsvSource({"NewFangledHeader", "C%6Fntact", "Vias", "q", "Content-Lengths", "X-Call-ID"})
    void unknownNamesStayAsWritten(String written) {
        assertThat(HeaderNames.canonical(written)).isSameAs(written);
        assertThat(HeaderNames.known(written)).isNull();
        byte[] b = written.getBytes(StandardCharsets.US_ASCII);
        assertThat(HeaderNames.canonical(b, 0, b.length)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"Via, true", "v, true", "Route, true", "Contact, true", "From, false", "CSeq, false",
        "Subject, false", "Supported, true", "k, true", "X-Unknown, false"})
    void listHeadersAreKnown(String name, boolean list) {
        assertThat(HeaderNames.isList(name)).isEqualTo(list);
    }

    @ParameterizedTest
    @CsvSource({"Via, via, true", "Contact, Call-ID, false", "X-Foo, x-foo, true", "X-Foo, X-Fop, false"})
    void sameComparesIgnoringCase(String a, String b, boolean same) {
        assertThat(HeaderNames.same(a, b)).isEqualTo(same);
    }
}
