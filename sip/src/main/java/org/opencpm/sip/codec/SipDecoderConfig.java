package org.opencpm.sip.codec;

/**
 * The limits the SIP parsers enforce, so that a peer can never make the server hold unbounded
 * memory for one message.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><th>limit</th><th>default</th><th>what happens beyond it</th></tr>
 * <tr><td>{@code maxMessageSize}</td><td>65535 bytes</td><td>whole message (head + body): 513 "Message Too Large"
 *     for a request that can be answered, else dropped; a TCP connection is closed</td></tr>
 * <tr><td>{@code maxHeadSize}</td><td>16384 bytes</td><td>start line and headers; same treatment</td></tr>
 * <tr><td>{@code maxHeaders}</td><td>256</td><td>header fields; 400</td></tr>
 * <tr><td>{@code maxVias}</td><td>70</td><td>Via values (a loop or an attack); 400</td></tr>
 * </table>
 */
public record SipDecoderConfig(int maxMessageSize, int maxHeadSize, int maxHeaders, int maxVias) {

    public static final SipDecoderConfig DEFAULT = new SipDecoderConfig(65535, 16384, 256, 70);

    public SipDecoderConfig {
        if (maxMessageSize < 1024 || maxHeadSize < 256 || maxHeaders < 8 || maxVias < 1) {
            throw new IllegalArgumentException("SIP decoder limits too small: " + maxMessageSize + "/" + maxHeadSize
                    + "/" + maxHeaders + "/" + maxVias);
        }
        if (maxHeadSize > maxMessageSize) {
            throw new IllegalArgumentException("maxHeadSize " + maxHeadSize + " > maxMessageSize " + maxMessageSize);
        }
    }

    public SipDecoderConfig withMaxMessageSize(int size) {
        return new SipDecoderConfig(size, Math.min(maxHeadSize, size), maxHeaders, maxVias);
    }
}
