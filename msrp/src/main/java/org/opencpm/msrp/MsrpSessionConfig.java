package org.opencpm.msrp;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings and sizes of MSRP sessions; every timing of RFC 4975 and requirements.md AMB-01 is here.
 *
 * <table>
 * <caption>Session settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code chunkSize}</td><td>2048</td><td>body bytes per outgoing SEND chunk (Byte-Range)</td></tr>
 * <tr><td>{@code maxMessageSize}</td><td>10 MiB</td><td>largest incoming message after reassembly; larger → 413</td></tr>
 * <tr><td>{@code transactionTimeout}</td><td>30 s</td><td>a SEND (or chunk) unanswered this long means the
 *     connection is lost (AMB-01 b; RFC 4975 §7.1.1 suggests 30 s)</td></tr>
 * <tr><td>{@code connectTimeout}</td><td>10 s</td><td>the connection must be up and bound within this (AMB-01 setup)</td></tr>
 * <tr><td>{@code idleTimeout}</td><td>120 s</td><td>after this long without traffic a bodiless SEND probes the
 *     peer (AMB-01 c); {@link Duration#ZERO} turns probing off</td></tr>
 * <tr><td>{@code chunkTimeout}</td><td>30 s</td><td>a chunk that has started to arrive must end within this, and a
 *     message interrupted with {@code +} must go on within this; otherwise the connection is closed or the
 *     partial message dropped</td></tr>
 * <tr><td>{@code writeHighWaterMark}</td><td>1 MiB</td><td>unacknowledged bytes above which the session is not
 *     {@linkplain MsrpSession#isWritable() writable} (back-pressure for relays)</td></tr>
 * <tr><td>{@code maxPendingBytes}</td><td>16 MiB</td><td>unacknowledged bytes above which {@code send} fails at
 *     once with {@link MsrpSessionEvent.SendFailed} (a bound on memory per session)</td></tr>
 * <tr><td>{@code decoder}</td><td>{@link MsrpDecoderConfig#DEFAULT}</td><td>wire limits of the frame decoder</td></tr>
 * </table>
 */
public record MsrpSessionConfig(int chunkSize, long maxMessageSize, Duration transactionTimeout, Duration connectTimeout,
                                Duration idleTimeout, Duration chunkTimeout, long writeHighWaterMark,
                                long maxPendingBytes, MsrpDecoderConfig decoder) {

    /** The defaults of the table above. */
    public static final MsrpSessionConfig DEFAULT = new MsrpSessionConfig(2048, 10L << 20, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(30), 1L << 20, 16L << 20,
            MsrpDecoderConfig.DEFAULT);

    public MsrpSessionConfig {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        requirePositive("transactionTimeout", transactionTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("chunkTimeout", chunkTimeout);
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
        }
        if (writeHighWaterMark < 1 || maxPendingBytes < writeHighWaterMark) {
            throw new IllegalArgumentException("need 0 < writeHighWaterMark <= maxPendingBytes");
        }
        Objects.requireNonNull(decoder, "decoder");
    }

    public MsrpSessionConfig withChunkSize(int bytes) {
        return new MsrpSessionConfig(bytes, maxMessageSize, transactionTimeout, connectTimeout, idleTimeout, chunkTimeout,
                writeHighWaterMark, maxPendingBytes, decoder);
    }

    public MsrpSessionConfig withMaxMessageSize(long bytes) {
        return new MsrpSessionConfig(chunkSize, bytes, transactionTimeout, connectTimeout, idleTimeout, chunkTimeout,
                writeHighWaterMark, maxPendingBytes, decoder);
    }

    public MsrpSessionConfig withTimeouts(Duration transaction, Duration connect, Duration idle, Duration chunk) {
        return new MsrpSessionConfig(chunkSize, maxMessageSize, transaction, connect, idle, chunk, writeHighWaterMark,
                maxPendingBytes, decoder);
    }

    public MsrpSessionConfig withWriteLimits(long highWaterMark, long maxPending) {
        return new MsrpSessionConfig(chunkSize, maxMessageSize, transactionTimeout, connectTimeout, idleTimeout,
                chunkTimeout, highWaterMark, maxPending, decoder);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
