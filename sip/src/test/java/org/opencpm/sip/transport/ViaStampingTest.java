package org.opencpm.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.sip.message.Via;

/** RFC 3261 §18.2.1 and RFC 3581 §4: what the receiver writes into the top Via, and where the response goes. */
class ViaStampingTest {

    @ParameterizedTest(name = "{0}: {1} from {2}:{3}")
    @CsvSource(delimiter = '|', value = {
        // row | Via as sent                                        | source ip  | port | Via as stamped                                                              | response target
        "1 | SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1          | 127.0.0.1  | 5062 | SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1                                  | udp:127.0.0.1:5062",
        "2 | SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK1          | 127.0.0.1  | 4000 | SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK1;received=127.0.0.1               | udp:127.0.0.1:5062",
        "3 | SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1        | 127.0.0.1  | 4000 | SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1;received=127.0.0.1             | udp:127.0.0.1:5060",
        "4 | SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1;rport    | 127.0.0.1  | 4000 | SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1;rport=4000;received=127.0.0.1    | udp:127.0.0.1:4000",
        "5 | SIP/2.0/UDP 192.0.2.1:5062;rport;branch=z9hG4bK1    | 127.0.0.1  | 4000 | SIP/2.0/UDP 192.0.2.1:5062;rport=4000;branch=z9hG4bK1;received=127.0.0.1    | udp:127.0.0.1:4000",
        "6 | SIP/2.0/UDP 192.0.2.1:5062;rport=9;branch=z9hG4bK1  | 127.0.0.1  | 4000 | SIP/2.0/UDP 192.0.2.1:5062;rport=9;branch=z9hG4bK1;received=127.0.0.1       | udp:127.0.0.1:9",
        "7 | SIP/2.0/TCP 192.0.2.1:5062;branch=z9hG4bK1;rport    | 127.0.0.1  | 4000 | SIP/2.0/TCP 192.0.2.1:5062;branch=z9hG4bK1;rport=4000;received=127.0.0.1    | tcp:127.0.0.1:5062",
        "8 | SIP/2.0/UDP [::1]:5062;branch=z9hG4bK1              | ::1        | 5062 | SIP/2.0/UDP [::1]:5062;branch=z9hG4bK1                                      | udp:[::1]:5062",
        "9 | SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bK1      | ::1        | 5062 | SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bK1;received=0:0:0:0:0:0:0:1     | udp:[::1]:5062",
    })
    void stampsTheTopViaAndRoutesTheResponse(int row, String sent, String ip, int port, String stamped, String target) {
        Via v = ViaStamping.stamp(Via.parse(sent), new InetSocketAddress(ip, port));
        assertThat(v.toString()).as("row %d", row).isEqualTo(stamped);
        assertThat(ResponseRouting.target(v)).as("row %d", row).isEqualTo(Target.parse(target));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"999.999.999.999", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3", "1.2.3.", ".1.2.3"})
    void aViaHostOfDigitsAndDotsThatIsNoIpv4AddressIsANameSoItIsNeverLookedUpOnTheSipThread(String host) {
        // InetAddress would send these to DNS: stamping and routing run on the event loop and must not block.
        assertThat(ResponseRouting.isLiteral(host)).isFalse();
        Via v = ViaStamping.stamp(Via.parse("SIP/2.0/UDP " + host + ":5062;branch=z9hG4bK1"),
                new InetSocketAddress("127.0.0.1", 4000));
        assertThat(v.received()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.1", "0.0.0.0", "255.255.255.255", "[::1]", "[2001:db8::1]"})
    void ipAddressesAreLiterals(String host) {
        assertThat(ResponseRouting.isLiteral(ResponseRouting.stripBrackets(host))).isTrue();
    }
}
