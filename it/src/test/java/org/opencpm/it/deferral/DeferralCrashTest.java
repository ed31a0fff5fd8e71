package org.opencpm.it.deferral;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.client.ChatMessage;
import org.opencpm.client.CpmClient;
import org.opencpm.client.CpmClientListener;
import org.opencpm.it.ServerFixture;

/**
 * Store-and-forward survives {@code kill -9} (issue 6): alice sends N pager messages to bob, who is offline,
 * through a server running as its own process; the server is killed with SIGKILL at random points during
 * acceptance and during redelivery and restarted on the same data directory; bob registers. Every message
 * alice got {@code 202 Accepted} for reaches bob exactly once (after the client library drops redeliveries
 * by {@code imdn.Message-ID}) and in alice's order.
 *
 * <p>CI size: 2,000 messages, 3 crash points (two during acceptance, one during redelivery). The issue's
 * size: {@code -Dopencpm.deferral.messages=10000} (bench/README.md). The random seed is printed, and can be
 * fixed with {@code -Dopencpm.deferral.seed=…}.
 */
class DeferralCrashTest {

    private static final int N = Integer.getInteger("opencpm.deferral.messages", 2000);

    @TempDir
    Path dir;

    private int sipPort;
    private Path config;
    private Path log;

    private ServerProcess startServer() throws Exception {
        return ServerProcess.start(config, log);
    }

    @Test
    @DisplayName("§8.3.1.6 durability: kill -9 during acceptance (twice) and redelivery; every 202-accepted message "
            + "arrives exactly once, in the sender's order")
    void everyAcceptedMessageArrivesExactlyOnceInOrder() throws Exception {
        long seed = Long.getLong("opencpm.deferral.seed", System.nanoTime());
        System.out.println("DeferralCrashTest: " + N + " messages, seed " + seed);
        Random random = new Random(seed);
        sipPort = ServerFixture.freePort();
        config = dir.resolve("server.yaml");
        log = dir.resolve("server.log");
        Files.writeString(config, "domain: example.com\n"
                + "listen:\n"
                + "  sip: [\"udp:127.0.0.1:" + sipPort + "\"]\n"
                + "  msrp: \"tcp:127.0.0.1:" + ServerFixture.freePort() + "\"\n"
                + "data-dir: \"" + dir.resolve("data") + "\"\n");
        String server = "udp:127.0.0.1:" + sipPort;

        int crash1 = N / 10 + random.nextInt(N / 3);
        int crash2 = N / 2 + random.nextInt(N / 3);
        int crash3 = N / 10 + random.nextInt(N / 2); // after this many received during redelivery

        List<CompletableFuture<String>> sends = new ArrayList<>();
        List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ServerProcess process = startServer();
        try (CpmClient alice = CpmClient.builder().user("sip:alice@example.com").server(server)
                .requestTimeout(Duration.ofSeconds(8)).build()) {
            alice.register().get(10, TimeUnit.SECONDS);
            // acceptance, with two crashes
            for (int i = 0; i < N; i++) {
                CompletableFuture<String> f = alice.sendMessage("sip:bob@example.com", "seq " + i).toCompletableFuture();
                sends.add(f);
                if (i == crash1 || i == crash2) {
                    process.kill9(); // while message i is on its way or being committed
                    process = startServer();
                    alice.register().get(10, TimeUnit.SECONDS);
                    // i's fate is settled by its retransmissions (202 from the new process, or a timeout); the
                    // next message goes only then, as a sender keeps its own order
                }
                try {
                    f.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // not accepted: it may or may not arrive, but at most once
                }
            }
            for (CompletableFuture<String> f : sends) {
                try {
                    f.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // not accepted
                }
            }
        }
        long t1 = System.nanoTime();
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (!sends.get(i).isCompletedExceptionally()) {
                accepted.add(i);
            }
        }
        System.out.println("DeferralCrashTest: " + accepted.size() + " of " + N + " accepted; crashes after #"
                + crash1 + ", #" + crash2 + " sent and " + crash3 + " received");
        assertThat(accepted.size()).isGreaterThan(N - 10);

        // redelivery, with one crash
        CpmClientListener bobListener = new CpmClientListener() {
            @Override
            public void messageReceived(ChatMessage m) {
                received.add(Integer.parseInt(m.text().substring("seq ".length())));
            }
        };
        try (CpmClient bob = CpmClient.builder().user("sip:bob@example.com").server(server).listener(bobListener)
                .build()) {
            bob.register().get(10, TimeUnit.SECONDS);
            waitFor(() -> received.size() >= crash3, Duration.ofSeconds(60));
            process.kill9();
            process = startServer();
            bob.register().get(10, TimeUnit.SECONDS);
            waitFor(() -> received.containsAll(accepted), Duration.ofSeconds(90));
            Thread.sleep(500); // anything late (a duplicate) would show now
            System.out.printf("DeferralCrashTest: acceptance %.1f s, redelivery %.1f s (with restarts)%n",
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        } finally {
            process.close();
        }

        Map<Integer, Integer> counts = new TreeMap<>();
        List<Integer> got;
        synchronized (received) {
            got = new ArrayList<>(received);
        }
        for (int s : got) {
            counts.merge(s, 1, Integer::sum);
        }
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).toList()).as("delivered twice").isEmpty();
        assertThat(got).as("every accepted message").containsAll(accepted);
        assertThat(got).as("in alice's order").isSorted();
        System.out.println("DeferralCrashTest: " + got.size() + " delivered exactly once, in order");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return; // the assertions say what is missing
            }
            Thread.sleep(20);
        }
    }
}
