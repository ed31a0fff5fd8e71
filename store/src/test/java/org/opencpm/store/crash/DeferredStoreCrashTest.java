package org.opencpm.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.common.time.Clock;
import org.opencpm.store.deferred.DeferredStoreConfig;
import org.opencpm.store.deferred.SqliteDeferredMessageStore;

/**
 * {@code kill -9} of a process using the deferred message store, at random points while it accepts
 * messages and while it delivers them; nothing acknowledged may be lost and nothing delivered twice
 * except what was in flight at a kill, which keeps its {@code imdn.Message-ID}.
 *
 * <p>Scenario, per run (seeded; {@code -Dopencpm.crash.runs=N} repeats with seeds seed, seed+1, …,
 * {@code -Dopencpm.crash.seed=S} picks the first):
 * <ol>
 *   <li>Acceptance: a {@link DeferredStoreChild} accepts {@value #MESSAGES} messages from
 *       {@value #SENDERS} senders for one offline user as fast as it can; it is killed with SIGKILL
 *       ({@link ProcessHandle#destroyForcibly()}) when the number of acknowledged messages passes each of
 *       {@value #ACCEPT_KILLS} random points, and restarted. A restarted child starts 50 messages before
 *       the last acknowledged one, as a sender retransmits: those must come back as duplicates with
 *       their first id.</li>
 *   <li>Delivery: a child delivers everything pending; it is killed when the number of sends passes
 *       each of {@value #DELIVER_KILLS} random points, and restarted until it reports it is done.</li>
 *   <li>Checks: every acknowledged message was delivered, first copies in acceptance order (so in each
 *       sender's order), each with its own imdn.Message-ID; a message delivered more than once was in
 *       flight (sent, not confirmed delivered) in a killed run, once per such run; nothing is left.</li>
 * </ol>
 */
class DeferredStoreCrashTest {

    static final int MESSAGES = 10_000;
    static final int SENDERS = 7;
    static final int ACCEPT_KILLS = 3;
    static final int DELIVER_KILLS = 2;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("8.3.1.6 durability: kill -9 during acceptance and redelivery loses nothing and duplicates only in-flight messages")
    void killNineDuringAcceptanceAndDelivery() throws Exception {
        int runs = Integer.getInteger("opencpm.crash.runs", 1);
        long seed = Long.getLong("opencpm.crash.seed", 20261122L);
        for (int r = 0; r < runs; r++) {
            run(seed + r, tmp.resolve("run-" + r));
        }
    }

    private void run(long seed, Path dir) throws Exception {
        Random random = new Random(seed);
        long started = System.nanoTime();

        // 1. Acceptance with kills.
        TreeSet<Integer> acceptKills = points(random, ACCEPT_KILLS);
        Map<Integer, Long> idOfIndex = new HashMap<>();
        int nextIndex = 0;
        int acceptRuns = 0;
        int retransmittedDuplicates = 0;
        while (true) {
            int from = Math.max(0, nextIndex - 50);
            Integer killAt = acceptKills.isEmpty() ? null : acceptKills.first();
            Child child = Child.start(dir, "accept", dir.toString(), String.valueOf(from), String.valueOf(MESSAGES),
                    String.valueOf(SENDERS));
            acceptRuns++;
            String line;
            while ((line = child.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("@A")) {
                    int index = Integer.parseInt(f[1]);
                    long id = Long.parseLong(f[2]);
                    Long known = idOfIndex.putIfAbsent(index, id);
                    if (known != null) {
                        assertThat(id).as("a retransmission of message %d gets its first id", index).isEqualTo(known);
                        assertThat(f[3]).as("message %d accepted again is a duplicate", index).isEqualTo("true");
                        retransmittedDuplicates++;
                    }
                    nextIndex = Math.max(nextIndex, index + 1);
                    if (killAt != null && idOfIndex.size() >= killAt && !child.killed) {
                        child.kill();
                    }
                } else if (f[0].equals("@E")) {
                    throw new AssertionError("accept failed in the child: " + line);
                }
            }
            boolean done = child.finish();
            if (killAt != null && child.killed) {
                acceptKills.pollFirst();
            }
            if (done && !child.killed) {
                break;
            }
        }
        assertThat(idOfIndex).hasSize(MESSAGES);
        Map<Long, Integer> indexOfId = new HashMap<>();
        idOfIndex.forEach((index, id) -> indexOfId.put(id, index));
        assertThat(indexOfId).as("one id per message").hasSize(MESSAGES);
        for (int i = 1; i < MESSAGES; i++) {
            assertThat(idOfIndex.get(i)).as("acceptance order").isGreaterThan(idOfIndex.get(i - 1));
        }
        try (var store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS, Clock.SYSTEM)) {
            assertThat(store.countPending(DeferredStoreChild.RECIPIENT).get(30, TimeUnit.SECONDS))
                    .as("exactly the acknowledged messages are stored").isEqualTo(MESSAGES);
        }

        // 2. Delivery with kills.
        TreeSet<Integer> deliverKills = points(random, DELIVER_KILLS);
        List<Integer> firstDeliveries = new ArrayList<>();
        Map<Long, Integer> deliveries = new HashMap<>();
        Set<Long> confirmed = new HashSet<>();
        int sends = 0;
        int deliverRuns = 0;
        int inFlightAtKills = 0;
        while (true) {
            Integer killAt = deliverKills.isEmpty() ? null : deliverKills.first();
            Child child = Child.start(dir, "deliver", dir.toString());
            deliverRuns++;
            Set<Long> sentThisRun = new HashSet<>();
            Set<Long> confirmedThisRun = new HashSet<>();
            String line;
            while ((line = child.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("@S")) {
                    long id = Long.parseLong(f[1]);
                    Integer index = indexOfId.get(id);
                    assertThat(index).as("only accepted messages are delivered").isNotNull();
                    assertThat(f[2]).as("the redelivery keeps the imdn.Message-ID").isEqualTo(DeferredStoreChild.messageId(index));
                    assertThat(f[3]).isEqualTo(DeferredStoreChild.sender(index, SENDERS));
                    assertThat(sentThisRun.add(id)).as("message %d sent twice in one run", index).isTrue();
                    assertThat(confirmed).as("message %d sent again after it was confirmed delivered", index)
                            .doesNotContain(id);
                    if (deliveries.merge(id, 1, Integer::sum) == 1) {
                        firstDeliveries.add(index);
                    }
                    sends++;
                    if (killAt != null && sends >= killAt && !child.killed) {
                        child.kill();
                    }
                } else if (f[0].equals("@D")) {
                    long id = Long.parseLong(f[1]);
                    confirmed.add(id);
                    confirmedThisRun.add(id);
                }
            }
            boolean done = child.finish();
            if (child.killed) {
                if (killAt != null) {
                    deliverKills.pollFirst();
                }
                sentThisRun.removeAll(confirmedThisRun);
                inFlightAtKills += sentThisRun.size();
            }
            if (done && !child.killed) {
                break;
            }
        }

        // 3. Checks.
        assertThat(deliveries).as("every acknowledged message is delivered").hasSize(MESSAGES);
        for (int i = 1; i < firstDeliveries.size(); i++) {
            assertThat(firstDeliveries.get(i)).as("first copies in acceptance order").isGreaterThan(firstDeliveries.get(i - 1));
        }
        int duplicates = sends - MESSAGES;
        assertThat(duplicates).as("duplicates are at most the messages in flight at the kills")
                .isLessThanOrEqualTo(inFlightAtKills);
        try (var store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS, Clock.SYSTEM)) {
            assertThat(store.countPending(DeferredStoreChild.RECIPIENT).get(30, TimeUnit.SECONDS)).isZero();
        }
        System.out.printf("crash run seed=%d: %d messages, %d senders; accept: %d processes, kills after %s acks, "
                + "%d retransmissions answered as duplicates; deliver: %d processes, kills after %s sends, "
                + "%d in flight at kills, %d redelivered with the same Message-ID; %.1f s%n",
                seed, MESSAGES, SENDERS, acceptRuns, pointsOf(seed, true), retransmittedDuplicates, deliverRuns,
                pointsOf(seed, false), inFlightAtKills, duplicates, (System.nanoTime() - started) / 1e9);
    }

    private static TreeSet<Integer> points(Random random, int n) {
        TreeSet<Integer> points = new TreeSet<>();
        while (points.size() < n) {
            points.add(1 + random.nextInt(MESSAGES - 1));
        }
        return points;
    }

    private static String pointsOf(long seed, boolean accept) {
        Random random = new Random(seed);
        TreeSet<Integer> a = points(random, ACCEPT_KILLS);
        return accept ? a.toString() : points(random, DELIVER_KILLS).toString();
    }

    /** A child JVM on this test's class path, its output read line by line. */
    private static final class Child {
        final Process process;
        final BufferedReader out;
        boolean killed;
        boolean done;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Child start(Path dir, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    DeferredStoreChild.class.getName()));
            cmd.addAll(List.of(args));
            File err = dir.resolveSibling(dir.getFileName() + "-child-stderr.txt").toFile();
            dir.toFile().mkdirs();
            return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(err)).start());
        }

        /** The next protocol line ("@..."), or null at the end of the output. */
        String readLine() throws Exception {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("@DONE")) {
                    done = true;
                } else if (line.startsWith("@")) {
                    return line;
                }
            }
            return null;
        }

        /**
         * SIGKILL through the process handle: unlike {@link Process#destroyForcibly()} it leaves our end of
         * the pipe open, so the lines the child wrote before it died are still read.
         */
        void kill() {
            process.toHandle().destroyForcibly();
            killed = true;
        }

        /** Waits for the exit; true if the child reported it had finished its work. */
        boolean finish() throws Exception {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not exit");
            }
            if (!killed) {
                assertThat(process.exitValue()).as("child exit status").isZero();
            }
            return done;
        }
    }
}
