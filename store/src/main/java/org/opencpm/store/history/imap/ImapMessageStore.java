package org.opencpm.store.history.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.store.history.Flags;
import org.opencpm.store.history.FolderStatus;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.Mailboxes;
import org.opencpm.store.history.MessageStore;
import org.opencpm.store.history.MessageStoreException;
import org.opencpm.store.history.MessageUid;
import org.opencpm.store.history.ObjectLocation;
import org.opencpm.store.history.StoreUnavailableException;
import org.opencpm.store.history.StoredEntry;
import org.opencpm.store.history.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPM Message Store on an IMAP Message Storage Server (reference §4.8, §6, §15: Dovecot with
 * METADATA and UIDPLUS). Each CPM user is one IMAP login: the address without its scheme
 * ({@link Mailboxes#owner}) with the configured password. Folders live under {@link Config#root()}.
 *
 * <h2>Threading</h2>
 * Calls return at once. {@link Config#workers()} worker threads own the connections (one per user,
 * kept open); a user's operations always go to the same worker, so they run in call order.
 *
 * <h2>Outages (AMB-13)</h2>
 * A store outage never blocks the caller and never holds signalling:
 * <ol>
 *   <li>every future completes within {@link Config#callTimeout()} (default 3 s): with the result, or
 *       with {@link StoreUnavailableException};
 *   <li>a lost connection is reopened at once, and the operation run again (all operations are
 *       idempotent: see {@link ImapOperations});
 *   <li>while the server is unreachable, reads fail at once, and writes fail at once with
 *       {@code queuedForRetry() == true}: they stay queued, in order, and are retried with backoff
 *       ({@link Config#backoffMin()} doubling to {@link Config#backoffMax()}) for up to
 *       {@link Config#retryFor()}; a write that cannot be done by then is dropped and logged as an error;
 *   <li>the queue holds at most {@link Config#queueCapacity()} operations; beyond that calls fail at
 *       once with {@code queuedForRetry() == false}, and nothing is kept;
 *   <li>{@link #health()} tells whether the server is reachable and how much is queued or was dropped.
 * </ol>
 * The PF therefore goes on without a Message-UID when the store is slow or down (AMB-13, AMB-33).
 */
public final class ImapMessageStore implements MessageStore {

    private static final Logger log = LoggerFactory.getLogger(ImapMessageStore.class);

    /**
     * Connection and outage settings.
     *
     * @param root            the folder the conversation folders are in (reference §6.1: {@code Default})
     * @param workers         worker threads, each with its own connections
     * @param callTimeout     longest a caller waits for an answer (AMB-13 default 3 s)
     * @param connectTimeout  TCP connect timeout
     * @param readTimeout     longest the server may stay silent in a command before the connection is dropped
     * @param retryFor        how long a queued write is retried before it is dropped
     * @param queueCapacity   operations queued at most, all workers together
     * @param backoffMin      first wait between reconnect attempts
     * @param backoffMax      longest wait between reconnect attempts
     */
    public record Config(String host, int port, String password, String root, int workers, Duration callTimeout,
                         Duration connectTimeout, Duration readTimeout, Duration retryFor, int queueCapacity,
                         Duration backoffMin, Duration backoffMax) {

        /** The defaults: root {@code Default}, 2 workers, 3 s call timeout, retries for 10 min, 10 000 queued. */
        public static Config of(String host, int port, String password) {
            return new Config(host, port, password, "Default", 2, Duration.ofSeconds(3), Duration.ofSeconds(2),
                    Duration.ofSeconds(10), Duration.ofMinutes(10), 10_000, Duration.ofMillis(100),
                    Duration.ofSeconds(5));
        }

        public Config withCallTimeout(Duration d) {
            return new Config(host, port, password, root, workers, d, connectTimeout, readTimeout, retryFor,
                    queueCapacity, backoffMin, backoffMax);
        }

        public Config withBackoff(Duration min, Duration max) {
            return new Config(host, port, password, root, workers, callTimeout, connectTimeout, readTimeout, retryFor,
                    queueCapacity, min, max);
        }
    }

    /** What {@link #health()} reports. */
    public record Health(boolean reachable, int queued, long dropped, long reconnects) {
    }

    /** One operation on one user's connection. */
    @FunctionalInterface
    interface Operation<T> {
        T run(ImapOperations ops) throws IOException;
    }

    final class Job<T> {
        final String owner;
        final String what;
        final Operation<T> op;
        final boolean write;
        final boolean probe;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final long deadline;

        Job(String owner, String what, Operation<T> op, boolean write, boolean probe) {
            this.owner = owner;
            this.what = what;
            this.op = op;
            this.write = write;
            this.probe = probe;
            this.deadline = System.nanoTime() + config.retryFor().toNanos();
        }
    }

    private final Config config;
    private final Worker[] workers;
    private final ScheduledExecutorService timer;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong lastProbe = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private volatile boolean closed;

    public ImapMessageStore(Config config) {
        this.config = config;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "imap-store-timer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.workers = new Worker[config.workers()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
            workers[i].thread.start();
        }
    }

    public Health health() {
        return new Health(reachable.get(), queued.get(), dropped.get(), reconnects.get());
    }

    @Override
    public CompletableFuture<FolderStatus> createFolder(String user, HistoryFolder folder) {
        return submit(user, "CREATE " + folder, ops -> ops.createFolder(folder), true);
    }

    @Override
    public CompletableFuture<Optional<FolderStatus>> status(String user, HistoryFolder folder) {
        return submit(user, "STATUS " + folder, ops -> ops.status(folder), false);
    }

    @Override
    public CompletableFuture<List<HistoryFolder>> listFolders(String user) {
        return submit(user, "LIST", ImapOperations::listFolders, false);
    }

    @Override
    public CompletableFuture<MessageUid> append(String user, HistoryFolder folder, StoredObject object,
                                                Set<String> flags) {
        checkFlags(flags);
        return submit(user, "APPEND " + folder, ops -> ops.append(folder, object, flags), true);
    }

    @Override
    public CompletableFuture<MessageUid> storeSessionInfo(String user, HistoryFolder sessionFolder,
                                                          StoredObject sessionInfo) {
        return submit(user, "session info " + sessionFolder, ops -> {
            MessageUid uid = ops.append(sessionFolder, sessionInfo, Set.of());
            ops.setMetadata(sessionFolder, SESSION_INFO_OBJECT_ID, uid.value());
            return uid;
        }, true);
    }

    @Override
    public CompletableFuture<MessageUid> storeGroupState(String user, HistoryFolder sessionFolder,
                                                         StoredObject groupState) {
        return submit(user, "group state " + sessionFolder, ops -> {
            MessageUid uid = ops.append(sessionFolder, groupState, Set.of());
            ops.setMetadata(sessionFolder, GROUP_STATE_OBJECT_ID, uid.value());
            return uid;
        }, true);
    }

    @Override
    public CompletableFuture<Void> setMetadata(String user, HistoryFolder folder, String entry, String value) {
        checkEntry(entry);
        return submit(user, "SETMETADATA " + folder, ops -> {
            ops.setMetadata(folder, entry, value);
            return null;
        }, true);
    }

    @Override
    public CompletableFuture<Optional<String>> getMetadata(String user, HistoryFolder folder, String entry) {
        checkEntry(entry);
        return submit(user, "GETMETADATA " + folder, ops -> ops.getMetadata(folder, entry), false);
    }

    @Override
    public CompletableFuture<Void> addFlags(String user, HistoryFolder folder, long uid, Set<String> flags) {
        checkFlags(flags);
        return submit(user, "STORE +FLAGS " + folder, ops -> {
            ops.storeFlags(folder, uid, flags, true);
            return null;
        }, true);
    }

    @Override
    public CompletableFuture<Void> removeFlags(String user, HistoryFolder folder, long uid, Set<String> flags) {
        checkFlags(flags);
        return submit(user, "STORE -FLAGS " + folder, ops -> {
            ops.storeFlags(folder, uid, flags, false);
            return null;
        }, true);
    }

    @Override
    public CompletableFuture<Optional<ObjectLocation>> findByMessageId(String user, String messageId) {
        return submit(user, "SEARCH " + messageId, ops -> ops.findByMessageId(messageId), false);
    }

    @Override
    public CompletableFuture<List<StoredEntry>> fetch(String user, HistoryFolder folder) {
        return submit(user, "FETCH " + folder, ops -> ops.fetch(folder), false);
    }

    private static void checkFlags(Set<String> flags) {
        for (String f : flags) {
            if (!Flags.isValid(f)) {
                throw new IllegalArgumentException("not an IMAP flag: '" + f + "'");
            }
        }
    }

    private static void checkEntry(String entry) {
        if (!entry.matches("(?i)/(shared|private)/[\\x21-\\x7e&&[^*%\"\\\\()]]+")) {
            throw new IllegalArgumentException("not an RFC 5464 entry name: '" + entry + "'");
        }
    }

    private <T> CompletableFuture<T> submit(String user, String what, Operation<T> op, boolean write) {
        String owner = Mailboxes.owner(user);
        Job<T> job = new Job<>(owner, what, op, write, false);
        if (closed) {
            job.result.completeExceptionally(new MessageStoreException("the IMAP Message Store is closed"));
            return job.result;
        }
        if (!write && !reachable.get()) {
            job.result.completeExceptionally(new StoreUnavailableException(
                    "the IMAP Message Store is unreachable: " + what + " not done", false, null));
            probe(owner);
            return job.result;
        }
        if (queued.incrementAndGet() > config.queueCapacity()) {
            queued.getAndDecrement();
            job.result.completeExceptionally(new StoreUnavailableException("the IMAP Message Store queue is full ("
                    + config.queueCapacity() + "): " + what + " not done", false, null));
            return job.result;
        }
        if (write && !reachable.get()) {
            job.result.completeExceptionally(new StoreUnavailableException(
                    "the IMAP Message Store is unreachable: " + what + " queued for retry", true, null));
        } else {
            var timeout = timer.schedule(() -> job.result.completeExceptionally(new StoreUnavailableException(
                    "no answer from the IMAP Message Store within " + config.callTimeout().toMillis() + " ms: " + what
                    + (write ? " queued for retry" : " not done"), write, null)),
                    config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            job.result.whenComplete((v, e) -> timeout.cancel(false));
        }
        workers[Math.floorMod(owner.hashCode(), workers.length)].add(job);
        return job.result;
    }

    /**
     * While unreachable and with no write queued to find out, a read sends one connection attempt
     * ahead (at most one at a time), so that reads alone also notice the server's return.
     */
    private void probe(String owner) {
        long now = System.nanoTime();
        long last = lastProbe.get();
        if (now - last >= config.backoffMin().toNanos() && lastProbe.compareAndSet(last, now)
                && probing.compareAndSet(false, true)) {
            Job<Void> p = new Job<>(owner, "probe", ops -> null, false, true);
            p.result.whenComplete((v, e) -> probing.set(false));
            workers[Math.floorMod(owner.hashCode(), workers.length)].add(p);
        }
    }

    /**
     * The one failure classifier: true if the connection is gone or unusable (socket errors, timeouts,
     * a response we cannot parse), so the operation may run again on a new connection; false if the
     * server answered and refused ({@link ImapCommandException}, a missing capability), which no retry
     * will change.
     */
    static boolean connectionLost(Throwable e) {
        return e instanceof IOException || e instanceof ImapProtocolException;
    }

    private void markUnreachable(IOException e) {
        if (reachable.compareAndSet(true, false)) {
            log.warn("IMAP Message Store {}:{} unreachable ({}); writes are queued for retry, reads fail",
                    config.host(), config.port(), e.toString());
        }
    }

    private void markReachable() {
        if (reachable.compareAndSet(false, true)) {
            log.info("IMAP Message Store {}:{} reachable again; {} operations queued", config.host(), config.port(),
                    queued.get());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            w.stop();
        }
        timer.shutdownNow();
    }

    /** One worker thread: a FIFO of jobs and the connections of the users hashed to it. */
    private final class Worker {
        private final Thread thread;
        private final java.util.concurrent.LinkedBlockingDeque<Job<?>> jobs = new java.util.concurrent.LinkedBlockingDeque<>();
        private final Map<String, ImapOperations> sessions = new LinkedHashMap<>(16, 0.75f, true);
        private final Map<String, ImapConnection> connections = new LinkedHashMap<>();
        private volatile boolean running = true;
        private long backoffMillis;

        Worker(int index) {
            this.thread = new Thread(this::loop, "imap-store-" + index);
            this.thread.setDaemon(true);
            this.backoffMillis = config.backoffMin().toMillis();
        }

        void add(Job<?> job) {
            jobs.add(job);
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ImapConnection c : connections.values()) {
                c.close();
            }
            List<Job<?>> left = new ArrayList<>(jobs);
            jobs.clear();
            for (Job<?> j : left) {
                if (j.write) {
                    dropped.incrementAndGet();
                    log.error("IMAP Message Store closed with {} for {} not done", j.what, j.owner);
                }
                j.result.completeExceptionally(new MessageStoreException("the IMAP Message Store is closed"));
            }
        }

        private void loop() {
            while (running) {
                Job<?> job;
                try {
                    job = jobs.takeFirst();
                } catch (InterruptedException e) {
                    return;
                }
                if (!job.write && !job.probe && job.result.isDone()) {
                    finished(job);
                    continue;
                }
                if (!runWithReconnect(job)) {
                    if (job.write && System.nanoTime() < job.deadline && running) {
                        job.result.completeExceptionally(new StoreUnavailableException("the IMAP Message Store is"
                                + " unreachable: " + job.what + " queued for retry", true, null));
                        jobs.addFirst(job);
                        if (!pause()) {
                            return;
                        }
                    } else {
                        finished(job);
                        if (job.write) {
                            dropped.incrementAndGet();
                            log.error("IMAP Message Store: {} for {} dropped after {} of retries", job.what, job.owner,
                                    config.retryFor());
                        }
                        job.result.completeExceptionally(new StoreUnavailableException(
                                "the IMAP Message Store is unreachable: " + job.what + " not done", false, null));
                    }
                }
            }
        }

        /** A job leaves the queue (probes were never counted). */
        private void finished(Job<?> job) {
            if (!job.probe) {
                queued.decrementAndGet();
            }
        }

        /** Waits the current backoff, then doubles it; false if the store is closing. */
        private boolean pause() {
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return false;
            }
            backoffMillis = Math.min(backoffMillis * 2, config.backoffMax().toMillis());
            return running;
        }

        /** Runs the job; on a lost cached connection tries once more on a new one. False if unreachable. */
        private <T> boolean runWithReconnect(Job<T> job) {
            for (int attempt = 0; attempt < 2; attempt++) {
                boolean cached = sessions.containsKey(job.owner);
                try {
                    ImapOperations ops = session(job.owner);
                    T value = job.op.run(ops);
                    finished(job);
                    backoffMillis = config.backoffMin().toMillis();
                    markReachable();
                    job.result.complete(value);
                    return true;
                } catch (IOException | RuntimeException e) {
                    if (!connectionLost(e)) {
                        finished(job);
                        job.result.completeExceptionally(e);
                        return true;
                    }
                    drop(job.owner);
                    if (!cached || attempt == 1) {
                        markUnreachable(e instanceof IOException io ? io : new IOException(e));
                        return false;
                    }
                    reconnects.incrementAndGet();
                }
            }
            return false;
        }

        private ImapOperations session(String owner) throws IOException {
            ImapOperations ops = sessions.get(owner);
            if (ops != null) {
                return ops;
            }
            ImapConnection c = ImapConnection.open(config.host(), config.port(),
                    (int) config.connectTimeout().toMillis(), (int) config.readTimeout().toMillis(), owner,
                    config.password());
            try {
                ops = new ImapOperations(c, owner, config.root());
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            sessions.put(owner, ops);
            connections.put(owner, c);
            if (sessions.size() > 64) {
                String eldest = sessions.keySet().iterator().next();
                drop(eldest);
            }
            return ops;
        }

        private void drop(String owner) {
            sessions.remove(owner);
            ImapConnection c = connections.remove(owner);
            if (c != null) {
                c.close();
            }
        }
    }
}
