package org.opencpm.msrp.internal.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpUri;

/**
 * The hand-written MSRP-URI and path scanner (RFC 4975 §9) at its edges: separators, bounds of each part, and
 * what each malformed form is refused for. The RFC's own URIs are in {@code MsrpUriTest} and the codec tests.
 */
class UriGrammarTest {

    @Test
    void pathsSplitOnRunsOfSpacesAndTabsAndIgnoreSurroundingWhitespace() {
        List<MsrpUri> path = UriGrammar.parsePath(" \tmsrp://relay.example.com:9/a1;tcp \t  msrp://b.example.com/b2;tcp\t");

        assertThat(path).extracting(MsrpUri::host).containsExactly("relay.example.com", "b.example.com");
        assertThat(path).extracting(MsrpUri::sessionId).containsExactly("a1", "b2");
        assertThat(path.get(1).port()).isEqualTo(-1);
    }

    @Test
    void aSingleUriPathIsOneElement() {
        assertThat(UriGrammar.parsePath("msrp://h:1/s;tcp")).containsExactly(MsrpUri.of("h", 1, "s"));
    }

    @Test
    void anEmptyOrBlankPathIsRefused() {
        for (String blank : new String[] {"", "  ", "\t \t"}) {
            assertThatThrownBy(() -> UriGrammar.parsePath(blank)).as("'%s'", blank)
                    .isInstanceOf(MsrpParseException.InvalidHeader.class).hasMessageContaining("empty path");
        }
    }

    @Test
    void oneBadUriInAPathRefusesThePath() {
        assertThatThrownBy(() -> UriGrammar.parsePath("msrp://a:1/s;tcp msrp://b:1/s"))
                .isInstanceOf(MsrpParseException.InvalidHeader.class).hasMessageContaining("msrp://b:1/s");
    }

    @Test
    void portBoundsAreChecked() {
        assertThat(MsrpUri.parse("msrp://h:65535/s;tcp").port()).isEqualTo(65535);
        assertThat(MsrpUri.parse("msrp://h:0/s;tcp").port()).isZero();
        assertThat(MsrpUri.parse("msrp://h:00080/s;tcp").port()).isEqualTo(80);
        for (String bad : new String[] {"msrp://h:65536/s;tcp", "msrp://h:/s;tcp", "msrp://h:123456/s;tcp",
                "msrp://h:8a/s;tcp", "msrp://h:-1/s;tcp", "msrp://[::1]x/s;tcp", "msrp://[::1]:/s;tcp"}) {
            assertThatThrownBy(() -> MsrpUri.parse(bad)).as(bad).isInstanceOf(MsrpParseException.InvalidHeader.class);
        }
    }

    @Test
    void theLastAtSignEndsTheUserInfo() {
        MsrpUri uri = MsrpUri.parse("msrp://a@b@host.example.com:5/s;tcp");

        assertThat(uri.userInfo()).isEqualTo("a@b");
        assertThat(uri.host()).isEqualTo("host.example.com");
    }

    @Test
    void aRelayUriHasNoSessionIdAndKeepsItsParameters() {
        MsrpUri uri = MsrpUri.parse("msrps://relay.example.net:2855;tcp;x=1;y");

        assertThat(uri.sessionId()).isNull();
        assertThat(uri.secure()).isTrue();
        assertThat(uri.parameters()).isEqualTo("x=1;y");
        assertThat(uri).hasToString("msrps://relay.example.net:2855;tcp;x=1;y");
    }

    @Test
    void theSchemeAndTransportAreReadInAnyCaseAndTheTransportIsKeptAsWritten() {
        MsrpUri uri = MsrpUri.parse("MsRpS://h:1/s;TCP");

        assertThat(uri.secure()).isTrue();
        assertThat(uri.transport()).isEqualTo("TCP");
        assertThat(MsrpUri.parse("msrp://h:1/s;ws").transport()).isEqualTo("ws");
    }

    @Test
    void sessionIdsTakeTheRfcCharactersOnly() {
        assertThat(MsrpUri.parse("msrp://h:1/aZ09-._~+=/x;tcp").sessionId()).isEqualTo("aZ09-._~+=/x");
        for (String bad : new String[] {"msrp://h:1/;tcp", "msrp://h:1/a b;tcp", "msrp://h:1/a%41;tcp",
                "msrp://h:1/a@b;tcp"}) {
            assertThatThrownBy(() -> MsrpUri.parse(bad)).as(bad).isInstanceOf(MsrpParseException.InvalidHeader.class);
        }
    }

    @Test
    void malformedSchemeAuthorityAndTransportAreRefused() {
        for (String bad : new String[] {"msrp:/h:1/s;tcp", "msrp//h:1/s;tcp", "msrpx://h:1/s;tcp", "msrp://h:1/s;",
                "msrp://h:1/s;t-p", "msrp://h:1", "msrp://", "msrp://@:1/s;tcp", "msrp://u@/s;tcp", "://h:1/s;tcp",
                "msrp://h:1/s"}) {
            assertThatThrownBy(() -> MsrpUri.parse(bad)).as(bad).isInstanceOf(MsrpParseException.InvalidHeader.class);
        }
    }

    @Test
    void theErrorQuotesTheUriAndNotItsNeighbours() {
        assertThatThrownBy(() -> UriGrammar.parsePath("msrp://ok:1/s;tcp msrp://bad:99999/s;tcp"))
                .hasMessageContaining("\"msrp://bad:99999/s;tcp\"").hasMessageNotContaining("ok:1");
    }
}
