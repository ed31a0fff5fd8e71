package org.opencpm.server.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Form checks for hosts, ports and URIs, and the "did you mean" matcher. */
class SyntaxTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::1", "::", "fe80::1", "2001:db8::8:800:200c:417a", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1",
            "fe80::1%eth0", "1::"})
    @DisplayName("Valid IPv6 addresses are accepted")
    void validIpv6(String address) {
        assertThat(Syntax.isIpv6(address)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::g", "1:2:3:4:5:6:7", "::1.2.3.256"})
    @DisplayName("Malformed IPv6 addresses are refused")
    void invalidIpv6(String address) {
        assertThat(Syntax.isIpv6(address)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({"127.0.0.1:5060,127.0.0.1,5060", "[::1]:5070,::1,5070", "example.com,example.com,-1", "[::1],::1,-1"})
    @DisplayName("host[:port] splits with IPv6 in brackets")
    void hostAndPort(String text, String host, int port) {
        assertThat(Syntax.hostAndPort(text, false)).isEqualTo(new Syntax.HostAndPort(host, port));
    }

    @Test
    @DisplayName("A missing port is refused where one is required")
    void portRequired() {
        assertThatThrownBy(() -> Syntax.hostAndPort("example.com", true)).hasMessage("the port is missing");
        assertThatThrownBy(() -> Syntax.hostAndPort("[::1]x", false)).hasMessageContaining("unexpected 'x'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sip:chat@example.com", "sips:alice@example.com:5061;transport=tcp", "sip:example.com",
            "sip:bob@[::1]:5060", "sip:+15551234567@example.com;user=phone", "SIP:Alice@Example.COM"})
    @DisplayName("SIP URIs are accepted")
    void sipUris(String uri) {
        Syntax.checkSipUri(uri);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat@example.com", "sip:", "sip:a@", "sip:a@exa mple.com", "sip:a@example.com:0",
            "http://example.com", "sip:a@300.0.0.1"})
    @DisplayName("Strings that are not SIP URIs are refused")
    void notSipUris(String uri) {
        assertThatThrownBy(() -> Syntax.checkSipUri(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a SIP URI");
    }

    @Test
    @DisplayName("An address of record is exactly sip:user@domain, normalised to a lower-case host")
    void addressOfRecord() {
        assertThat(Syntax.addressOfRecord("sip:Alice@Example.COM")).isEqualTo("sip:Alice@example.com");
        assertThat(Syntax.addressOfRecord("SIP:bob@example.com")).isEqualTo("sip:bob@example.com");
        for (String bad : List.of("sips:a@example.com", "sip:example.com", "sip:a@example.com;transport=tcp",
                "sip:a@example.com:5060", "sip:a:pw@example.com", "tel:+1555")) {
            assertThatThrownBy(() -> Syntax.addressOfRecord(bad)).as(bad)
                    .hasMessageContaining("is not of the form sip:user@domain");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"<sip:alice@Example.COM;transport=tcp>,sip:alice@example.com", "SIP:Bob@EXAMPLE.com?x=y,sip:Bob@example.com",
            "tel:+1555;phone-context=x,tel:+1555", "sip:alice@example.com:5060,sip:alice@example.com:5060"})
    @DisplayName("URIs compare without parameters and without case in scheme and host")
    void normalizeUri(String uri, String normal) {
        assertThat(Syntax.normalizeUri(uri)).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sesion-expires,session-expires", "allowAnonymity,allow-anonymity", "mod,mode", "session_expires,session-expires",
            "particpating-function,participating-function"})
    @DisplayName("A close misspelling suggests the key")
    void suggestions(String typo, String key) {
        assertThat(Suggestions.closest(typo, List.of("mode", "allow-anonymity", "session-expires", "participating-function")))
                .isEqualTo(key);
    }

    @Test
    @DisplayName("A word far from every key suggests nothing")
    void noSuggestion() {
        assertThat(Suggestions.closest("banana", List.of("mode", "profile"))).isNull();
    }
}
