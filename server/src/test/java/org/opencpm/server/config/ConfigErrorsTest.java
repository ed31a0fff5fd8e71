package org.opencpm.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad files: every problem names the file, the line, the key path and what is accepted, and all of a
 * file's problems are reported together.
 */
class ConfigErrorsTest {

    /** One bad input: the YAML, and the line, key path and message fragment of its single problem. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                row("1 unknown top-level key", "domain: example.com\nfoo: 1\n", 2, "foo",
                        "unknown key 'foo' at the top level; expected one of: domain, listen,"),
                row("2 misspelt section gets a suggestion", "particpating-function:\n  mode: proxy\n", 1,
                        "particpating-function", "did you mean 'participating-function'?"),
                row("3 misspelt nested key gets a suggestion", "participating-function:\n  mode: proxy\n  sesion-expires: 90\n",
                        3, "participating-function.sesion-expires", "did you mean 'session-expires'?"),
                row("4 key in the wrong section names where it belongs", "mode: proxy\n", 1, "mode",
                        "did you mean 'participating-function.mode'?"),
                row("5 bad enum value", "\n\nparticipating-function:\n  allow-anonymity: true\n  mode: bidirectional\n", 5,
                        "participating-function.mode", "'bidirectional' is not accepted; expected one of: b2bua, proxy"),
                row("6 bad profile", "participating-function:\n  profile: CPM22\n", 2, "participating-function.profile",
                        "expected one of: CPM21, CPM20, CPM20-EARLY"),
                row("7 bad no-suitable-client", "participating-function:\n  no-suitable-client: queue\n", 2,
                        "participating-function.no-suitable-client", "expected one of: reject, interwork"),
                row("8 bad iwf-bye-closes", "participating-function:\n  iwf-bye-closes: all\n", 2,
                        "participating-function.iwf-bye-closes", "expected one of: session, streams"),
                row("9 bad message-store type", "message-store:\n  type: maildir\n", 2, "message-store.type",
                        "expected one of: embedded, imap"),
                row("10 wrong type: string for boolean", "participating-function:\n  allow-anonymity: maybe\n", 2,
                        "participating-function.allow-anonymity", "'maybe' is not accepted; expected true or false"),
                row("11 wrong type: list for scalar", "domain: [a, b]\n", 1, "domain",
                        "a list is not accepted; expected a domain name"),
                row("12 wrong type: scalar for section", "listen: udp:127.0.0.1:5060\n", 1, "listen",
                        "expected a mapping with the keys sip, msrp"),
                row("13 transport address without transport", "listen:\n  sip: [\"127.0.0.1:5060\"]\n", 2,
                        "listen.sip[0]", "is not a known transport; expected TRANSPORT:HOST:PORT"),
                row("14 transport address with unknown transport", "core: sctp:10.0.0.1:5060\n", 1, "core",
                        "'sctp' is not a known transport"),
                row("15 transport address without port", "interworking:\n  isf: udp:127.0.0.1\n", 2, "interworking.isf",
                        "the port is missing"),
                row("16 port out of range", "listen:\n  msrp: tcp:127.0.0.1:70000\n", 2, "listen.msrp",
                        "port 70000 is out of range 1..65535"),
                row("17 port zero", "listen:\n  sip: udp:127.0.0.1:0\n", 2, "listen.sip", "port 0 is out of range"),
                row("18 IPv6 without brackets", "core: udp:::1:5060\n", 1, "core", "IPv6 address must be written in brackets"),
                row("19 bad IPv6 in brackets", "core: \"udp:[::g]:5060\"\n", 1, "core", "'::g' is not an IPv6 address"),
                row("20 bad IPv4", "core: udp:300.1.1.1:5060\n", 1, "core", "'300.1.1.1' is not an IPv4 address"),
                row("21 MSRP over UDP", "listen:\n  msrp: udp:127.0.0.1:2855\n", 2, "listen.msrp",
                        "transport 'udp' is not accepted here; expected TRANSPORT:HOST:PORT with TRANSPORT one of tcp, tls"),
                row("22 bad SIP URI", "controlling-function:\n  factory-uri: chat@example.com\n", 2,
                        "controlling-function.factory-uri", "is not a SIP URI; expected a SIP URI"),
                row("23 IMAP port out of range", "message-store:\n  imap:\n    port: 0\n", 3, "message-store.imap.port",
                        "0 is out of range; expected an integer from 1 to 65535"),
                row("24 port given as text", "message-store:\n  imap:\n    port: \"143\"\n", 3, "message-store.imap.port",
                        "'143' is not accepted; expected an integer"),
                row("25 negative duration", "msrp:\n  transaction-timeout: -5s\n", 2, "msrp.transaction-timeout",
                        "-5s is negative; expected a duration"),
                row("26 negative plain seconds", "controlling-function:\n  inactivity-timeout: -1\n", 2,
                        "controlling-function.inactivity-timeout", "-1 is negative"),
                row("27 unknown duration unit", "store:\n  deferred-expiry: 1w\n", 2, "store.deferred-expiry",
                        "'1w' is not accepted; expected a duration: a number of seconds, or a number with a unit ms, s, m, h or d"),
                row("28 zero timer", "sip:\n  t1: 0ms\n", 2, "sip.t1", "0s is not accepted; expected more than zero"),
                row("29 session-expires below Min-SE", "participating-function:\n  session-expires: 30\n", 2,
                        "participating-function.session-expires", "expected at least 90 seconds (RFC 4028 Min-SE)"),
                row("30 bad size unit", "msrp:\n  max-message-size: 1MB\n", 2, "msrp.max-message-size",
                        "'1MB' is not accepted; expected a size in bytes"),
                row("31 user key not sip:user@domain", "users:\n  \"alice@example.com\":\n    authorized: true\n", 2,
                        "users[\"alice@example.com\"]", "is not of the form sip:user@domain as a key"),
                row("32 user key with a port", "users:\n  \"sip:alice@example.com:5060\": {}\n", 2,
                        "users[\"sip:alice@example.com:5060\"]", "is not of the form sip:user@domain"),
                row("33 misspelt user preference", "users:\n  \"sip:alice@example.com\":\n    preferences:\n      allow-stor: false\n",
                        4, "users[\"sip:alice@example.com\"].preferences.allow-stor", "did you mean 'allow-store'?"),
                row("34 bad blacklist entry", "users:\n  \"sip:alice@example.com\":\n    preferences:\n      blacklist:\n"
                        + "        - sip:mallory@example.com\n        - mallory\n", 6,
                        "users[\"sip:alice@example.com\"].preferences.blacklist[1]", "'mallory' is not a SIP URI"),
                row("35 same user twice", "users:\n  \"sip:alice@example.com\": {}\n  \"sip:alice@EXAMPLE.COM\": {}\n", 3,
                        "users[\"sip:alice@EXAMPLE.COM\"]", "duplicate entry; sip:alice@example.com is already set at line 2"),
                row("36 route without next hop", "routes:\n  - domain: other.example.net\n", 2, "routes[0].next-hop",
                        "is missing; expected TRANSPORT:HOST:PORT"),
                row("37 route with a next hop lacking its transport",
                        "routes:\n  - domain: other.example.net\n    next-hop: other.example.net:5060\n", 3,
                        "routes[0].next-hop", "'other.example.net' is not a known transport"),
                row("38 bad trusted peer", "trusted-peers: [\"127.0.0.1:5070\", \"127.0.0.1:abc\"]\n", 1, "trusted-peers[1]",
                        "'abc' is not a port number; expected HOST:PORT or HOST"),
                row("39 no core behind an IMS core", "domain: example.com\nedge-registrar: false\n", 2, "core",
                        "must be set when edge-registrar is false"),
                row("40 interwork without an ISF", "participating-function:\n  no-suitable-client: interwork\n", 2,
                        "participating-function.no-suitable-client", "interworking.isf is not set"),
                row("41 T2 below T1", "sip:\n  t1: 2s\n  t2: 1s\n", 3, "sip.t2", "is shorter than sip.t1; expected at least 2s"),
                row("42 chunk larger than message", "msrp:\n  chunk-size: 8KiB\n  max-message-size: 4KiB\n", 2,
                        "msrp.chunk-size", "is larger than msrp.max-message-size"),
                row("43 duplicate key", "domain: a.example.com\ndomain: b.example.com\n", 2, "domain",
                        "duplicate key; it is already set at line 1"),
                row("44 duplicate listener", "listen:\n  sip: [udp:127.0.0.1:5060, udp:127.0.0.1:5060]\n", 2, "listen.sip",
                        "expected no address listed twice"),
                row("45 empty media list", "participating-function:\n  allowed-media: []\n", 2,
                        "participating-function.allowed-media", "expected at least one media type"),
                row("46 bad domain", "domain: exa_mple.com\n", 1, "domain", "'exa_mple.com' is not a domain name"),
                row("47 not a mapping at all", "- a\n- b\n", 1, "", "the file must be a mapping of keys"),
                row("48 broken YAML", "domain: example.com\nlisten: [\n", 3, "", "not valid YAML"),
                row("49 merge of a scalar", "sip:\n  <<: 5\n", 2, "sip", "the merge key '<<' takes a mapping"),
                row("50 bad value inside a merged mapping", "x: &bad\n  t1: fast\n", 1, "x", "unknown key 'x'"),
                row("51 duration as a float", "sip:\n  t1: 0.5\n", 2, "sip.t1", "the number 0.5 is not accepted"),
                row("52 boolean where a list is expected", "trusted-peers: true\n", 1, "trusted-peers",
                        "the boolean true is not accepted"));
    }

    private static Arguments row(String name, String yaml, int line, String path, String fragment) {
        return Arguments.of(name, yaml, line, path, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    @DisplayName("A bad value is reported with file, line, key path and what is accepted")
    void badInputIsReported(String name, String yaml, int line, String path, String fragment) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, "config.yaml"));

        assertThat(e).as("no exception for %s", name).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).hasSize(1);
        ConfigProblem p = e.problems().get(0);
        assertThat(p.keyPath()).as(e.getMessage()).isEqualTo(path);
        assertThat(p.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(p.message()).as(e.getMessage()).contains(fragment);
        String located = path.isEmpty() ? "config.yaml:" + line + ": " : "config.yaml:" + line + ": " + path + ": ";
        assertThat(e.getMessage()).contains(located + p.message());
    }

    @Test
    @DisplayName("Every problem of a file is reported together, in file order, cross-key checks included")
    void allProblemsReportedTogether() {
        String yaml = """
                domain: example.com
                listen:
                  sip: [tcp:127.0.0.1:5060, "bogus"]
                participating-function:
                  mode: bidirectional
                  session-expires: 10
                  allow-anonymty: true
                msrp:
                  chunk-size: 12
                edge-registrar: false
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, "config.yaml"));

        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "listen.sip[1]"),
                org.assertj.core.groups.Tuple.tuple(5, "participating-function.mode"),
                org.assertj.core.groups.Tuple.tuple(6, "participating-function.session-expires"),
                org.assertj.core.groups.Tuple.tuple(7, "participating-function.allow-anonymty"),
                org.assertj.core.groups.Tuple.tuple(9, "msrp.chunk-size"),
                org.assertj.core.groups.Tuple.tuple(10, "core"));
        assertThat(e.getMessage()).startsWith("6 errors in configuration config.yaml:\n")
                .contains("config.yaml:7: participating-function.allow-anonymty: unknown key 'allow-anonymty' "
                        + "in participating-function (did you mean 'allow-anonymity'?)");
    }

    @Test
    @DisplayName("A misspelt required key in a list item is reported, and so is the key it misses")
    void misspeltRequiredKey() {
        String yaml = "routes:\n  - domain: other.example.net\n    nexthop: udp:10.0.0.1:5060\n";
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, "config.yaml"));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "config.yaml:2: routes[0].next-hop: is missing; expected TRANSPORT:HOST:PORT with TRANSPORT one of "
                        + "udp, tcp, tls, ws, wss and an IPv6 HOST in brackets (udp:127.0.0.1:5060, udp:[::1]:5060)",
                "config.yaml:3: routes[0].nexthop: unknown key 'nexthop' in routes[0] (did you mean 'next-hop'?); "
                        + "expected one of: domain, next-hop");
    }

    @Test
    @DisplayName("A missing file is reported with its name")
    void missingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/config.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no/such/config.yaml")
                .hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("A misspelling far from every key gets no suggestion but the list of keys")
    void noSuggestionForUnrelatedKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load("msrp:\n  banana: 1\n", "config.yaml"));
        assertThat(e.problems().get(0).message()).doesNotContain("did you mean")
                .contains("expected one of: chunk-size, max-message-size, transaction-timeout, idle-probe-interval, connect-timeout");
    }
}
