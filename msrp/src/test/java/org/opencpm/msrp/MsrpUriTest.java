package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** MSRP URI parsing and the comparison rules of RFC 4975 §6.1. */
class MsrpUriTest {

    @Test
    void aTcpUriParsesIntoItsParts() {
        MsrpUri uri = MsrpUri.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp");

        assertThat(uri.secure()).isFalse();
        assertThat(uri.host()).isEqualTo("atlanta.example.com");
        assertThat(uri.port()).isEqualTo(7654);
        assertThat(uri.sessionId()).isEqualTo("jshA7weztas");
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri).hasToString("msrp://atlanta.example.com:7654/jshA7weztas;tcp");
    }

    @Test
    void anIpv6LiteralWithUserInfoAndParametersParses() {
        MsrpUri uri = MsrpUri.parse("msrps://bob@[2001:db8::10]:9/s1a2b3;tcp;foo=bar");

        assertThat(uri.secure()).isTrue();
        assertThat(uri.userInfo()).isEqualTo("bob");
        assertThat(uri.host()).isEqualTo("[2001:db8::10]");
        assertThat(uri.port()).isEqualTo(9);
        assertThat(uri.parameters()).isEqualTo("foo=bar");
        assertThat(uri).hasToString("msrps://bob@[2001:db8::10]:9/s1a2b3;tcp;foo=bar");
    }

    @Test
    void schemeHostAndTransportCompareCaseInsensitively() {
        assertThat(MsrpUri.parse("MSRP://Atlanta.Example.COM:7654/jshA7weztas;TCP"))
                .isEqualTo(MsrpUri.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp"))
                .hasSameHashCodeAs(MsrpUri.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp"));
    }

    @Test
    void theSessionIdComparesCaseSensitively() {
        assertThat(MsrpUri.parse("msrp://a.example.com:7654/abc;tcp"))
                .isNotEqualTo(MsrpUri.parse("msrp://a.example.com:7654/ABC;tcp"));
    }

    @Test
    void anAbsentPortEqualsTheDefaultPort() {
        assertThat(MsrpUri.parse("msrp://a.example.com/abc;tcp"))
                .isEqualTo(MsrpUri.parse("msrp://a.example.com:2855/abc;tcp"))
                .isNotEqualTo(MsrpUri.parse("msrp://a.example.com:2856/abc;tcp"));
    }

    @Test
    void ipv6LiteralsCompareByAddressAndSchemesDiffer() {
        assertThat(MsrpUri.parse("msrp://[2001:DB8::1]:9/s;tcp"))
                .isEqualTo(MsrpUri.parse("msrp://[2001:db8:0:0:0:0:0:1]:9/s;tcp"))
                .isNotEqualTo(MsrpUri.parse("msrps://[2001:db8::1]:9/s;tcp"));
    }

    @Test
    void userInfoAndUriParametersAreNotCompared() {
        assertThat(MsrpUri.parse("msrp://u@a.example.com:1/s;tcp;x=1"))
                .isEqualTo(MsrpUri.parse("msrp://a.example.com:1/s;tcp"));
    }

    @Test
    void malformedUrisAreRejectedWithAnInvalidHeaderError() {
        for (String bad : new String[] {"sip://a.example.com:1/s;tcp", "msrp://a.example.com:1/s", "msrp://:1/s;tcp",
                "msrp://a.example.com:99999/s;tcp", "msrp://a.example.com:1/s?x;tcp", "msrp://[::1:1/s;tcp"}) {
            assertThatThrownBy(() -> MsrpUri.parse(bad)).as(bad).isInstanceOf(MsrpParseException.InvalidHeader.class);
        }
    }
}
