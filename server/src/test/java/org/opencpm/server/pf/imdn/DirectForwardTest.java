package org.opencpm.server.pf.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.server.pf.imdn.ImdnTestBed.delivered;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.sim.SimPeer;

/** §8.3.4 para 1 with {@code participating-function.imdn-direct-forward: true}. */
class DirectForwardTest {

    @Test
    @DisplayName("PF-IMDN-T-01 (AMB-19 a): with direct forwarding a duplicate notification is forwarded again")
    void duplicatesAreForwardedWithoutTheCache() {
        ImdnTestBed bed = new ImdnTestBed("participating-function:\n  imdn-direct-forward: true\n");
        SimPeer alice = bed.client("alice", "127.0.0.2");
        SimPeer remote = bed.net.peer("127.0.0.9", 5060);
        for (int i = 0; i < 2; i++) {
            remote.send(bed.imdn(remote, "bob", "sip:alice@example.com", delivered("M1")), bed.serverTarget);
            alice.respond(alice.expectRequest("MESSAGE"), 200);
            remote.expectResponse(200);
        }
        assertThat(bed.outcomes).containsExactly("alice Forwarded M1 DELIVERY", "alice Forwarded M1 DELIVERY");
    }
}
