package org.opencpm.server.pf.session;

import java.util.List;
import org.opencpm.server.edge.NextHop;
import org.opencpm.sip.message.SipRequest;

/**
 * What an invitation procedure decided to send on the outgoing side of a B2BUA: the INVITE (before
 * the per-branch Request-URI) and the branches (one per suitable client when the PF forks, one towards
 * the core otherwise).
 */
public record Outgoing(SipRequest invite, List<NextHop> branches) {
}
