/**
 * An in-memory SIP network on virtual time, for deterministic tests of everything above the transport:
 * {@link org.opencpm.sip.sim.SimNetwork} (nodes, latency, named faults, packet trace),
 * {@link org.opencpm.sip.sim.SimNode} (a {@link org.opencpm.sip.transport.SipTransportLayer}) and
 * {@link org.opencpm.sip.sim.SimPeer} (a scripted peer for transcript-style tests).
 */
package org.opencpm.sip.sim;
