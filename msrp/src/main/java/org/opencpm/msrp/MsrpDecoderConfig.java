package org.opencpm.msrp;

/**
 * The limits the MSRP frame decoder enforces on input from the network.
 *
 * <table>
 * <caption>Decoder limits</caption>
 * <tr><th>limit</th><th>default</th><th>meaning and what happens when it is exceeded</th></tr>
 * <tr><td>{@code maxStartLineLength}</td><td>1024</td><td>bytes of the start line without CRLF
 *     ({@code MSRP SP transact-id SP method}); exceeded: {@link MsrpParseException.LineTooLong}, connection closed</td></tr>
 * <tr><td>{@code maxHeaderCount}</td><td>32</td><td>header fields in one request or response; exceeded:
 *     {@link MsrpParseException.TooManyHeaders}, the request is answered 400, the connection stays open</td></tr>
 * <tr><td>{@code maxHeaderBlockLength}</td><td>16384</td><td>bytes of all header lines of one message; exceeded:
 *     {@link MsrpParseException.LineTooLong}, connection closed</td></tr>
 * <tr><td>{@code maxChunkSize}</td><td>1048576</td><td>bytes of one chunk body held in memory; exceeded:
 *     {@link MsrpParseException.ChunkTooLarge}, the request is answered 413 and the rest of the chunk is
 *     skipped up to its end-line</td></tr>
 * <tr><td>{@code maxEndLineSearch}</td><td>67108864</td><td>bytes skipped while looking for the end-line of
 *     a chunk that was too large; exceeded: {@link MsrpParseException.EndLineNotFound}, connection closed</td></tr>
 * </table>
 *
 * <p>The whole-message limit (the sum of all chunks) is a session matter: see {@link MsrpSessionConfig}.
 */
public record MsrpDecoderConfig(int maxStartLineLength, int maxHeaderCount, int maxHeaderBlockLength,
                                int maxChunkSize, long maxEndLineSearch) {

    /** The defaults of the table above. */
    public static final MsrpDecoderConfig DEFAULT = new MsrpDecoderConfig(1024, 32, 16 * 1024, 1024 * 1024, 64L << 20);

    public MsrpDecoderConfig {
        // The start line must at least hold "MSRP " + a 32-character transact-id + " SEND".
        requireAtLeast("maxStartLineLength", maxStartLineLength, 64);
        requireAtLeast("maxHeaderCount", maxHeaderCount, 2);
        requireAtLeast("maxHeaderBlockLength", maxHeaderBlockLength, 128);
        requireAtLeast("maxChunkSize", maxChunkSize, 1);
        if (maxEndLineSearch < maxChunkSize) {
            throw new IllegalArgumentException("maxEndLineSearch " + maxEndLineSearch + " < maxChunkSize " + maxChunkSize);
        }
    }

    /** A copy with another chunk size limit. */
    public MsrpDecoderConfig withMaxChunkSize(int bytes) {
        return new MsrpDecoderConfig(maxStartLineLength, maxHeaderCount, maxHeaderBlockLength, bytes,
                Math.max(maxEndLineSearch, bytes));
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }
}
