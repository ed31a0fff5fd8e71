package org.opencpm.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded SQLite database file under {@code data-dir}, the engine of OpenCPM's embedded durable
 * stores (deferred messages, IMDN cache, embedded Message Store).
 *
 * <p>Why SQLite: atomic commits that survive {@code kill -9} at any instant (WAL journal: a commit is
 * in the log before {@link #write} completes), no server to run, a file a person can inspect with
 * the {@code sqlite3} tool, and throughput well beyond the targets when commits are grouped.
 *
 * <p>Threading: protocol code never blocks on the database. {@link #write} queues work for a single
 * writer thread, which runs every queued task of a batch in one transaction (group commit) and then
 * completes their futures; {@link #read} runs on a small reader pool over its own connections (WAL
 * lets readers proceed while the writer writes). Callers continue on their own scheduler from the
 * returned futures.
 *
 * <p>Durability: {@link Sync#NORMAL} (default) survives a crash of the process at any point;
 * {@link Sync#FULL} also survives power loss, at the cost of an fsync per batch.
 */
public final class SqliteDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

    /** How far a completed write is durable. */
    public enum Sync { NORMAL, FULL }

    /** Work run inside a transaction on the writer connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int MAX_BATCH = 512;

    private final String name;
    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private final ExecutorService readers;
    private final ThreadLocal<Connection> readerConnection;
    private final List<Connection> readerConnections = new ArrayList<>();
    private volatile boolean closed;

    private record Task<T>(Work<T> work, CompletableFuture<T> result) {
    }

    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private SqliteDatabase(String name, Path file, Sync sync) throws SQLException {
        this.name = name;
        this.file = file;
        this.writer = open(file, sync);
        this.writer.setAutoCommit(false);
        this.readers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "store-" + name + "-reader");
            t.setDaemon(true);
            return t;
        });
        this.readerConnection = ThreadLocal.withInitial(() -> {
            try {
                Connection c = open(file, sync);
                synchronized (readerConnections) {
                    readerConnections.add(c);
                }
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open reader connection to " + file, e);
            }
        });
        this.writerThread = new Thread(this::writeLoop, "store-" + name + "-writer");
        this.writerThread.setDaemon(true);
        this.writerThread.start();
    }

    /**
     * Opens (creating if needed) {@code dir/name.db} and brings its schema to the latest version by
     * running the {@code migrations} not yet applied (tracked in SQLite's {@code user_version}).
     *
     * @param migrations schema steps in order; step i brings the schema to version i+1. Never edit a
     *                   released step: append a new one.
     */
    public static SqliteDatabase open(Path dir, String name, Sync sync, List<String> migrations) {
        try {
            Files.createDirectories(dir);
            SqliteDatabase db = new SqliteDatabase(name, dir.resolve(name + ".db"), sync);
            db.migrate(migrations);
            return db;
        } catch (Exception e) {
            throw new StoreException("cannot open the " + name + " store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file, Sync sync) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + sync.name());
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    private void migrate(List<String> migrations) throws Exception {
        write(c -> {
            int version;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            for (int i = version; i < migrations.size(); i++) {
                try (Statement s = c.createStatement()) {
                    for (String stmt : migrations.get(i).split(";")) {
                        if (!stmt.isBlank()) {
                            s.execute(stmt);
                        }
                    }
                    s.execute("PRAGMA user_version=" + (i + 1));
                }
                log.info("store {}: schema migrated to version {}", name, i + 1);
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    public Path file() {
        return file;
    }

    /**
     * Queues {@code work} to run in a write transaction; the future completes once the transaction
     * that contains it has committed (and is therefore durable per {@link Sync}), or fails with the
     * work's exception (that work alone is rolled back; the others of the batch commit).
     */
    public <T> CompletableFuture<T> write(Work<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new StoreException("the " + name + " store is closed"));
            return f;
        }
        queue.add(new Task<>(work, f));
        return f;
    }

    /** Runs {@code work} on a reader connection (autocommit) and completes with its result. */
    public <T> CompletableFuture<T> read(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(readerConnection.get());
            } catch (SQLException e) {
                throw new StoreException("read from the " + name + " store failed: " + e.getMessage(), e);
            }
        }, readers);
    }

    private void writeLoop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Task<?> first = queue.take();
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                runBatch(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> failures = new ArrayList<>(batch.size());
        for (Task<?> t : batch) {
            try {
                var sp = writer.setSavepoint();
                try {
                    results.add(t.work().run(writer));
                    failures.add(null);
                    writer.releaseSavepoint(sp);
                } catch (SQLException | RuntimeException e) {
                    writer.rollback(sp);
                    results.add(null);
                    failures.add(e);
                }
            } catch (SQLException e) {
                results.add(null);
                failures.add(e);
            }
        }
        try {
            writer.commit();
        } catch (SQLException e) {
            log.error("store {}: commit of a batch of {} writes failed; every write of the batch is failed", name,
                    batch.size(), e);
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the next batch will report it again
            }
            for (Task<?> t : batch) {
                t.result().completeExceptionally(new StoreException("commit failed: " + e.getMessage(), e));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i), failures.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> t, Object result, Throwable failure) {
        if (failure != null) {
            t.result().completeExceptionally(failure instanceof StoreException ? failure
                    : new StoreException(failure.getMessage(), failure));
        } else {
            t.result().complete((T) result);
        }
    }

    /** Finishes the queued writes, then closes every connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.shutdown();
        try {
            readers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writer.close();
            synchronized (readerConnections) {
                for (Connection c : readerConnections) {
                    c.close();
                }
            }
        } catch (SQLException e) {
            log.warn("store {}: closing {} failed: {}", name, file, e.getMessage());
        }
    }
}
