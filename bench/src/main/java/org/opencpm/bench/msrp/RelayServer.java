package org.opencpm.bench.msrp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpRelay;
import org.opencpm.msrp.MsrpRelayEvent;
import org.opencpm.msrp.MsrpRelayHook;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;

/**
 * The relay side of {@link MsrpRelayBench}, run in its own JVM so that its CPU time and heap can be measured
 * apart from the load generator's: one {@link MsrpEndpoint} listening on 127.0.0.1, and relays opened as the
 * Participating Function opens them in B2BUA mode ({@code MsrpMediaPlane}): client leg passive (the client
 * connects to us), network leg active (we connect to the next hop, here the load generator's receiver),
 * {@link MsrpRelayHook#FORWARD_ALL}, {@code message/cpim} accepted on both legs.
 *
 * <p>Driven by line commands on standard input; answers are lines starting with {@code @} on standard output:
 * <pre>
 * (at start)                      → @PORT port
 * PREPARE n                       → n lines "@U clientLegUri networkLegUri", then @OK   (our two a=path URIs)
 * OPEN senderUri receiverUri      (n of them, in the order of PREPARE)
 * GO                              → opens the n relays; @OK once all are open (client legs registered)
 * STATUS                          → @STATUS open connectedLegs lostLegs undeliverable forwardedMessages
 * HEAP                            → three System.gc(); @HEAP usedHeapBytes
 * CLOSE                           → closes every relay; @OK
 * EXIT                            → closes the endpoint and exits
 * </pre>
 */
public final class RelayServer {

    private final MsrpEndpoint endpoint;
    private final List<MsrpRelay> relays = new ArrayList<>();
    private final AtomicLong connectedLegs = new AtomicLong();
    private final AtomicLong lostLegs = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();

    private RelayServer(int threads) {
        this.endpoint = MsrpEndpoint.builder().listen(new InetSocketAddress("127.0.0.1", 0)).threads(threads).build();
    }

    /** {@code RelayServer [eventLoopThreads]}; see the class comment for the commands. */
    public static void main(String[] args) throws Exception {
        MsrpRelayBench.quietLogging();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.US_ASCII);
        RelayServer server = new RelayServer(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        out.println("@PORT " + server.endpoint.listenAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        List<MsrpUri[]> prepared = new ArrayList<>();
        List<MsrpUri[]> peers = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "PREPARE" -> {
                    prepared.clear();
                    peers.clear();
                    int n = Integer.parseInt(w[1]);
                    StringBuilder sb = new StringBuilder(n * 100);
                    for (int i = 0; i < n; i++) {
                        MsrpUri[] pair = {server.endpoint.newLocalUri(), server.endpoint.newLocalUri()};
                        prepared.add(pair);
                        sb.append("@U ").append(pair[0]).append(' ').append(pair[1]).append('\n');
                    }
                    out.print(sb);
                    out.println("@OK");
                }
                case "OPEN" -> peers.add(new MsrpUri[] {MsrpUri.parse(w[1]), MsrpUri.parse(w[2])});
                case "GO" -> {
                    for (int i = 0; i < prepared.size(); i++) {
                        server.open(prepared.get(i), peers.get(i));
                    }
                    out.println("@OK");
                }
                case "STATUS" -> out.println("@STATUS " + server.relays.size() + " " + server.connectedLegs.get() + " "
                        + server.lostLegs.get() + " " + server.undeliverable.get() + " "
                        + server.relays.stream().mapToLong(MsrpRelay::forwardedMessages).sum());
                case "HEAP" -> out.println("@HEAP " + usedHeapAfterGc());
                case "CLOSE" -> {
                    server.relays.forEach(MsrpRelay::close);
                    server.relays.clear();
                    out.println("@OK");
                }
                case "EXIT" -> {
                    server.endpoint.close();
                    return;
                }
                default -> out.println("@ERROR unknown command " + line);
            }
        }
        server.endpoint.close();
    }

    /** @param local our client-leg and network-leg URIs; {@code peers} the sender's and the receiver's */
    private void open(MsrpUri[] local, MsrpUri[] peers) {
        List<String> cpim = List.of(CpimBody.CONTENT_TYPE);
        MsrpSessionParameters clientLeg = new MsrpSessionParameters(local[0], List.of(peers[0]), SetupRole.PASSIVE, cpim);
        MsrpSessionParameters networkLeg = new MsrpSessionParameters(local[1], List.of(peers[1]), SetupRole.ACTIVE, cpim);
        relays.add(endpoint.openRelay(clientLeg, networkLeg, MsrpRelayHook.FORWARD_ALL, event -> {
            if (event instanceof MsrpRelayEvent.LegConnected) {
                connectedLegs.incrementAndGet();
            } else if (event instanceof MsrpRelayEvent.LegLost) {
                lostLegs.incrementAndGet();
            } else if (event instanceof MsrpRelayEvent.Undeliverable) {
                undeliverable.incrementAndGet();
            }
        }));
    }

    /** Heap in use after a few full collections, in bytes. */
    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
