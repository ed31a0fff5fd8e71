package org.opencpm.sip.transport.internal;

import java.util.concurrent.atomic.LongAdder;

/** The transport's counters; incremented on the event loop, read from any thread. */
public final class TransportCounters {

    public final LongAdder received = new LongAdder();
    public final LongAdder sent = new LongAdder();
    public final LongAdder badRequests = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder refusedConnections = new LongAdder();
}
