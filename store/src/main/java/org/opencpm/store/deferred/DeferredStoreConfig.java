package org.opencpm.store.deferred;

import java.time.Duration;
import java.util.Objects;
import org.opencpm.store.sqlite.SqliteDatabase;

/**
 * Limits and policy of the deferred stores ({@link SqliteDeferredMessageStore},
 * {@link SqliteDeferredGroupStore}), validated on construction.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code store.deferred-expiry}</td><td>how long a deferred message (or intercepted group
 *       message) waits for delivery; then it expires and the sender gets a negative-delivery notification
 *       if asked (PF-IMDN-OB-03, AMB-39)</td><td>7 days</td></tr>
 *   <tr><td>{@code store.deferred-max-body-bytes}</td><td>the largest body stored; larger ones fail with
 *       {@link MessageTooLargeException}</td><td>8 MiB</td></tr>
 *   <tr><td>{@code store.sync}</td><td>{@code NORMAL}: survives a crash of the process at any point;
 *       {@code FULL}: also survives power loss, at an fsync per group commit</td><td>{@code NORMAL}</td></tr>
 * </table>
 */
public record DeferredStoreConfig(Duration expiry, int maxBodyBytes, SqliteDatabase.Sync sync) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** The defaults of the table above. */
    public static final DeferredStoreConfig DEFAULTS =
            new DeferredStoreConfig(DEFAULT_EXPIRY, DEFAULT_MAX_BODY_BYTES, SqliteDatabase.Sync.NORMAL);

    public DeferredStoreConfig {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(sync, "sync");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("store.deferred-expiry must be positive, got " + expiry);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("store.deferred-max-body-bytes must be positive, got " + maxBodyBytes);
        }
    }

    public DeferredStoreConfig withExpiry(Duration value) {
        return new DeferredStoreConfig(value, maxBodyBytes, sync);
    }

    public DeferredStoreConfig withMaxBodyBytes(int value) {
        return new DeferredStoreConfig(expiry, value, sync);
    }

    public DeferredStoreConfig withSync(SqliteDatabase.Sync value) {
        return new DeferredStoreConfig(expiry, maxBodyBytes, value);
    }
}
