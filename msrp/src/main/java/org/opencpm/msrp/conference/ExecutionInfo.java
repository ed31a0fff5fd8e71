package org.opencpm.msrp.conference;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * An RFC 4575 {@code execution-type} element, used as {@code <joining-info>} and
 * {@code <disconnection-info>}: when something happened, why, and who did it.
 *
 * <pre>
 * &lt;disconnection-info&gt;&lt;when&gt;2025-06-10T09:20:00Z&lt;/when&gt;&lt;by&gt;tel:+15550001&lt;/by&gt;&lt;/disconnection-info&gt;
 * </pre>
 *
 * @param when the time of the event
 * @param reason free text or a SIP/Q.850 reason as the focus chose to write it
 * @param by the URI of the user that caused it (the remover for {@code booted})
 */
public record ExecutionInfo(Optional<OffsetDateTime> when, Optional<String> reason, Optional<String> by) {

    /** An execution info with every child absent. */
    public static final ExecutionInfo EMPTY = new ExecutionInfo(Optional.empty(), Optional.empty(), Optional.empty());
}
