package org.opencpm.bench.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.opencpm.common.time.Clock;
import org.opencpm.store.deferred.DeferredMessage;
import org.opencpm.store.deferred.DeferredStoreConfig;
import org.opencpm.store.deferred.RequestedNotification;
import org.opencpm.store.deferred.SqliteDeferredMessageStore;
import org.opencpm.store.deferred.StoredMessage;
import org.opencpm.store.imdn.DispositionType;
import org.opencpm.store.imdn.ImdnCacheConfig;
import org.opencpm.store.imdn.SqliteImdnCache;

/**
 * Figures of the embedded deferred message store (issue 6), printed one per line:
 *
 * <ol>
 *   <li><b>acceptance</b>: deferred messages accepted per second ({@code accept} until its future, i.e.
 *       durability, completes), many in flight at once as from many senders' MESSAGEs; 1,000 recipients,
 *       bodies of 300 to 800 bytes. Target at least 5,000/s.</li>
 *   <li><b>redelivery</b>: messages per second delivered by the protocol the Participating Function
 *       follows on registration: {@code pending} in pages of 500, then per message {@code markInFlight}
 *       (awaited before "sending") and {@code markDelivered}; recipients one after the other. Target at
 *       least 5,000/s.</li>
 *   <li><b>imdn cache</b>: check-and-record operations per second of the IMDN cache, two devices
 *       reporting "delivered" for each of {@code ACCEPTED} messages (half of them are suppressed).</li>
 *   <li><b>recovery</b>: the store is filled to 1,000,000 deferred messages; a child JVM opens it and
 *       accepts and delivers as fast as it can; after two seconds it gets SIGKILL; a fresh child JVM then
 *       opens the store and reads the first page of {@code pending}. Printed: the time from the start of
 *       that child's {@code main} to the page (open + WAL recovery + turning in-flight messages back
 *       to pending + first query), and the wall time from starting the JVM. Target at most 10 s.</li>
 * </ol>
 *
 * <p>Run it from the repository root (it needs about 1 GB of disk in {@code DIR}, default the temporary
 * directory; the directory it creates there is deleted at the end):
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:dist/target/lib/*" org.opencpm.bench.store.DeferredStoreBench [DIR [ACCEPTED [TOTAL]]]
 * </pre>
 * {@code ACCEPTED} (default 200,000) is the number of messages of the acceptance and redelivery runs,
 * {@code TOTAL} (default 1,000,000) the number stored for the recovery run (0 skips it). Each throughput
 * is also printed per CPU-second of the process, which tells the store's cost apart from waiting for
 * the CPU on a shared machine.
 */
public final class DeferredStoreBench {

    private static final int RECIPIENTS = 1000;
    private static final int WINDOW = 2000;

    private DeferredStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child-load")) {
            childLoad(Path.of(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("--child-recover")) {
            childRecover(Path.of(args[1]));
            return;
        }
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        int accepted = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int total = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Path dir = Files.createTempDirectory(base, "deferred-bench");
        try {
            run(dir, accepted, total);
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(Path dir, int accepted, int total) throws Exception {
        System.out.printf("deferred store bench: %d messages for acceptance and redelivery, %d for recovery, in %s%n",
                accepted, total, dir);
        Path bench = dir.resolve("accept");
        try (SqliteDeferredMessageStore store = open(bench)) {
            acceptMessages(store, 0, accepted / 10, "warm-up");
            long t0 = System.nanoTime();
            double cpu0 = cpuSeconds();
            acceptMessages(store, accepted / 10, accepted, "bench");
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuSeconds() - cpu0;
            int n = accepted - accepted / 10;
            System.out.printf("acceptance: %,d messages in %.2f s = %,.0f msg/s (target >= 5,000/s);"
                    + " %.1f s of CPU = %,.0f msg per CPU-second%n", n, s, n / s, cpu, n / cpu);

            t0 = System.nanoTime();
            cpu0 = cpuSeconds();
            long delivered = 0;
            for (int r = 0; r < RECIPIENTS; r++) {
                delivered += deliverAll(store, recipient(r));
            }
            s = (System.nanoTime() - t0) / 1e9;
            cpu = cpuSeconds() - cpu0;
            System.out.printf("redelivery: %,d messages in %.2f s = %,.0f msg/s (target >= 5,000/s);"
                    + " %.1f s of CPU = %,.0f msg per CPU-second%n", delivered, s, delivered / s, cpu, delivered / cpu);
        }
        imdnCache(dir.resolve("imdn"), accepted);
        if (total == 0) {
            return;
        }

        Path recovery = dir.resolve("recovery");
        long t0 = System.nanoTime();
        try (SqliteDeferredMessageStore store = open(recovery)) {
            acceptMessages(store, 0, total, "fill");
        }
        System.out.printf("recovery: filled %,d messages in %.1f s (%,d bytes on disk)%n", total,
                (System.nanoTime() - t0) / 1e9, size(recovery));

        Process load = child("--child-load", recovery);
        BufferedReader loadOut = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = loadOut.readLine()) != null && !line.startsWith("@LOADING")) {
            System.out.println("  load child: " + line);
        }
        Thread.sleep(2000);
        load.toHandle().destroyForcibly();
        load.waitFor(30, TimeUnit.SECONDS);
        System.out.printf("recovery: load child killed with SIGKILL while writing (WAL %,d bytes)%n",
                walSize(recovery));

        long spawned = System.nanoTime();
        Process recover = child("--child-recover", recovery);
        BufferedReader out = new BufferedReader(new InputStreamReader(recover.getInputStream(), StandardCharsets.UTF_8));
        while ((line = out.readLine()) != null) {
            if (line.startsWith("@READY")) {
                double wall = (System.nanoTime() - spawned) / 1e9;
                String[] f = line.split(" ");
                System.out.printf("recovery: open + recover + first pending page (of %s for that user) in %s s after"
                        + " main() started, %.2f s wall time including JVM start (target <= 10 s)%n", f[2], f[1], wall);
            } else {
                System.out.println("  recover child: " + line);
            }
        }
        recover.waitFor(60, TimeUnit.SECONDS);
    }

    /** Two devices each report "delivered" for every message: one check-and-record per notification. */
    private static void imdnCache(Path dir, int messages) throws Exception {
        try (SqliteImdnCache cache = SqliteImdnCache.open(dir, ImdnCacheConfig.DEFAULTS, Clock.SYSTEM)) {
            Semaphore window = new Semaphore(WINDOW);
            AtomicLong forwarded = new AtomicLong();
            long t0 = System.nanoTime();
            double cpu0 = cpuSeconds();
            for (int i = 0; i < 2 * messages; i++) {
                window.acquire();
                cache.recordForwarded(recipient(i % RECIPIENTS), "m-" + (i % messages), DispositionType.DELIVERY)
                        .whenComplete((already, e) -> {
                            window.release();
                            if (e == null && !already) {
                                forwarded.incrementAndGet();
                            }
                        });
            }
            window.acquire(WINDOW);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuSeconds() - cpu0;
            System.out.printf("imdn cache: %,d check-and-record in %.2f s = %,.0f/s, %,d forwarded;"
                    + " %.1f s of CPU = %,.0f per CPU-second%n", 2 * messages, s, 2 * messages / s, forwarded.get(),
                    cpu, 2 * messages / cpu);
        }
    }

    /** CPU time of this process (all threads), to tell the store's cost from a busy machine's waiting. */
    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static SqliteDeferredMessageStore open(Path dir) {
        return SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS, Clock.SYSTEM);
    }

    static String recipient(int r) {
        return "sip:user" + r + "@example.com";
    }

    private static DeferredMessage message(int i, String tag) {
        String to = recipient(i % RECIPIENTS);
        String from = "sip:sender" + (i % 97) + "@example.net";
        String id = tag + "-" + i;
        byte[] body = ("From: <" + from + ">\r\nTo: <" + to + ">\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: " + id + "\r\nDateTime: 2026-11-22T03:00:00.000Z\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n\r\n" + "x".repeat(100 + i % 500))
                .getBytes(StandardCharsets.UTF_8);
        return new DeferredMessage(to, from, id, "conv-" + (i % 5000), null, "message/cpim", body,
                Set.of(RequestedNotification.POSITIVE_DELIVERY, RequestedNotification.DISPLAY));
    }

    private static void acceptMessages(SqliteDeferredMessageStore store, int from, int to, String tag)
            throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        for (int i = from; i < to; i++) {
            window.acquire();
            store.accept(message(i, tag)).whenComplete((a, e) -> {
                window.release();
                if (e != null) {
                    e.printStackTrace();
                }
            });
        }
        window.acquire(WINDOW);
    }

    private static long deliverAll(SqliteDeferredMessageStore store, String recipient) {
        long n = 0;
        while (true) {
            List<StoredMessage> page = store.pending(recipient, 0, 500).join();
            if (page.isEmpty()) {
                return n;
            }
            List<CompletableFuture<Boolean>> chains = new ArrayList<>(page.size());
            for (StoredMessage m : page) {
                chains.add(store.markInFlight(m.id(), m.attempts() + 1)
                        .thenCompose(marked -> marked ? store.markDelivered(m.id())
                                : CompletableFuture.completedFuture(false)));
            }
            for (CompletableFuture<Boolean> c : chains) {
                if (c.join()) {
                    n++;
                }
            }
        }
    }

    /** Child: keeps accepting and delivering until killed. */
    private static void childLoad(Path dir) throws Exception {
        SqliteDeferredMessageStore store = open(dir);
        System.out.println("@LOADING");
        Thread deliverer = new Thread(() -> {
            for (int r = 0; ; r = (r + 1) % RECIPIENTS) {
                deliverAll(store, recipient(r));
            }
        });
        deliverer.setDaemon(true);
        deliverer.start();
        acceptMessages(store, 0, Integer.MAX_VALUE, "load");
    }

    /** Child: opens the store after the crash and reads the first pending page. */
    private static void childRecover(Path dir) {
        long t0 = System.nanoTime();
        SqliteDeferredMessageStore store = open(dir);
        long opened = System.nanoTime();
        List<StoredMessage> page = store.pending(recipient(7), 0, 500).join();
        long ready = System.nanoTime();
        int count = store.countPending(recipient(7)).join();
        System.out.printf("open and recovery %.3f s, first page of %d in %.3f s%n", (opened - t0) / 1e9, page.size(),
                (ready - opened) / 1e9);
        System.out.printf("@READY %.3f %d%n", (ready - t0) / 1e9, count);
        store.close();
    }

    private static Process child(String mode, Path dir) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DeferredStoreBench.class.getName(), mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long walSize(Path dir) {
        return dir.resolve("deferred-messages.db-wal").toFile().length();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
