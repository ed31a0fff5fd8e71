package org.opencpm.bench.sip;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;

/**
 * Throughput of the SIP datagram parser and writer on a typical CPM INVITE of about 1 KB (two Vias,
 * Route, Record-Route, a Contact with CPM feature tags, Accept-Contact, CPM identifiers and an
 * MSRP SDP body), single-threaded, in operations per second:
 *
 * <ul>
 *   <li>{@link #parseAndSerialize}: {@code parseDatagram} then {@code toBytes}, the target being
 *       at least 200,000 per second per core;</li>
 *   <li>{@link #parseOnly}: {@code parseDatagram} alone;</li>
 *   <li>{@link #proxyPath}: what a stateless hop does: parse, decrement Max-Forwards, push a Via,
 *       serialize.</li>
 * </ul>
 *
 * <p>Run it from the repository root:
 * <pre>
 * mvn -pl bench -am package -DskipTests
 * mvn -q -pl bench dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp bench/target/classes:$(cat /tmp/cp.txt) org.opencpm.bench.sip.ParserBenchmark
 * </pre>
 * {@link #main} runs {@code org.openjdk.jmh.Main} with this class as the include pattern; any
 * arguments replace it and are passed to JMH as they are (e.g. {@code -f 1 -wi 3 -i 5 -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

    /** The INVITE a PF receives from a client: Via×2, Route, Record-Route, feature tags, SDP. */
    public static final String INVITE = String.join("\r\n",
            "INVITE sip:+15550002@ims.example.net SIP/2.0",
            "Via: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK-524287-1---a8f5c2d1e0b9;rport",
            "Via: SIP/2.0/TCP 198.51.100.7:50321;received=198.51.100.7;rport=50321;branch=z9hG4bK3f9a7c1e",
            "Max-Forwards: 69",
            "Route: <sip:pf.ims.example.net;lr>",
            "Record-Route: <sip:192.0.2.10:5060;transport=tcp;lr>",
            "From: <sip:+15550001@ims.example.net>;tag=9fxced76sl",
            "To: <sip:+15550002@ims.example.net>",
            "Call-ID: 3848276298220188511@198.51.100.7",
            "CSeq: 1 INVITE",
            "Contact: <sip:+15550001@198.51.100.7:50321;transport=tcp>;+sip.instance=\"<urn:gsma:imei:35-209900-176148-1>\""
                    + ";+g.oma.sip-im;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\"",
            "Accept-Contact: *;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\";require;explicit",
            "P-Preferred-Service: urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session",
            "Conversation-ID: 3b9e0c1d-51a8-4c55-9b02-6d5f0d1f2e77",
            "Contribution-ID: 9d1e22b0-77aa-4a61-8f3c-0e2b31c4aa55",
            "Supported: timer",
            "Session-Expires: 1800",
            "User-Agent: CPM-client/OMA2.2",
            "Content-Type: application/sdp",
            "Content-Length: 238",
            "",
            "v=0\r\n"
                    + "o=- 3849512390 3849512390 IN IP4 198.51.100.7\r\n"
                    + "s=-\r\n"
                    + "c=IN IP4 198.51.100.7\r\n"
                    + "t=0 0\r\n"
                    + "m=message 50322 TCP/MSRP *\r\n"
                    + "a=accept-types:message/cpim application/im-iscomposing+xml\r\n"
                    + "a=path:msrp://198.51.100.7:50322/s3nd3r42;tcp\r\n"
                    + "a=setup:active\r\n");

    private final SipMessageParser parser = new SipMessageParser();
    private byte[] wire;

    public ParserBenchmark() {
        wire = INVITE.getBytes(StandardCharsets.UTF_8);
        if (!(parse() instanceof SipRequest)) {
            throw new IllegalStateException("benchmark INVITE does not parse: " + parser.parseDatagram(wire, 0, wire.length));
        }
    }

    private SipMessage parse() {
        ParseResult r = parser.parseDatagram(wire, 0, wire.length);
        return r instanceof ParseResult.Parsed p ? p.message() : null;
    }

    @Benchmark
    public byte[] parseAndSerialize() {
        return parse().toBytes();
    }

    @Benchmark
    public ParseResult parseOnly() {
        return parser.parseDatagram(wire, 0, wire.length);
    }

    @Benchmark
    public byte[] proxyPath() {
        SipRequest r = (SipRequest) parse();
        return r.toBuilder()
                .set("Max-Forwards", r.maxForwards() - 1)
                .addFirst("Via", "SIP/2.0/TCP 192.0.2.20:5060;branch=z9hG4bK-proxy-77a1")
                .build()
                .toBytes();
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {ParserBenchmark.class.getName()} : args);
    }
}
