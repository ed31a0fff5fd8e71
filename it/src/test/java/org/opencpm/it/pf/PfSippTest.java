package org.opencpm.it.pf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.it.ServerFixture;
import org.opencpm.it.Sipp;

/**
 * The Participating Function on sockets with SIPp playing its neighbours: CPM clients registered with the
 * session and msg ICSIs, the other PF / network side as a trusted peer, and the SIP/IP core releasing a
 * dialog with {@code Reason: SIP;cause=503}. Each test asserts wire facts through SIPp's exit code (every
 * expected message arrived, every response was the expected one): 1-1 CPM Sessions through the
 * originating and terminating PF in B2BUA mode, pager-mode MESSAGE through both PFs.
 *
 * <p>SIPp does not speak MSRP: callers offer {@code a=setup:active} and callees answer it, so the PF is
 * passive on both legs and the calls end well before the MSRP connect timeout.
 */
class PfSippTest {

    private static int peerPort;
    private static ServerFixture server;

    @BeforeAll
    static void startServer() throws Exception {
        peerPort = ServerFixture.freePort();
        server = ServerFixture.start("trusted-peers: [\"127.0.0.1:" + peerPort + "\"]\n");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void register(String user, int contactPort) throws Exception {
        Sipp.Run r = Sipp.scenario("pf_register.xml").remote(server.address()).localPort(ServerFixture.freePort())
                .service(user).key("domain", "example.com").key("contact_port", contactPort).key("expires", 600)
                .timeout(Duration.ofSeconds(15)).start();
        assertThat(r.await()).as("REGISTER of %s: %s", user, r.output()).isZero();
    }

    private static void bothPass(Sipp.Run caller, Sipp.Run callee) throws InterruptedException {
        int callerExit = caller.await();
        int calleeExit = callee.await();
        assertThat(callerExit).as("caller SIPp:\n%s", caller.output()).isZero();
        assertThat(calleeExit).as("callee SIPp:\n%s", callee.output()).isZero();
    }

    @Test
    @DisplayName("PF-T-DSP-05, PF-O-INV-05..09, PF-T-INV-08/18/23, PF-O-BYE-13: 1-1 CPM sessions INVITE/200/ACK/BYE "
            + "between two registered SIPp clients cross the originating and terminating PF")
    void sessionsCrossBothParticipatingFunctions() throws Exception {
        int callerPort = ServerFixture.freePort();
        int calleePort = ServerFixture.freePort();
        String caller = "alice" + callerPort;
        String callee = "bob" + calleePort;
        register(callee, calleePort);
        register(caller, callerPort);
        Sipp.Run uas = Sipp.scenario("pf_uas_session.xml").localPort(calleePort).service(callee).calls(10)
                .arg("-d", "2000").timeout(Duration.ofSeconds(40)).start();
        Thread.sleep(300); // let the callee bind before the first INVITE reaches it
        Sipp.Run uac = Sipp.scenario("pf_uac_session.xml").remote(server.address()).localPort(callerPort)
                .service(callee).key("caller", caller).key("caller_domain", "example.com").key("domain", "example.com")
                .arg("-d", "200").calls(10).rate(10).timeout(Duration.ofSeconds(40)).start();
        bothPass(uac, uas);
    }

    @Test
    @DisplayName("PF-T-DSP-01, §8.2.1.1/§8.3.1.1: pager-mode MESSAGEs with CPIM bodies cross both PFs and are answered 200")
    void pagerMessagesCrossBothParticipatingFunctions() throws Exception {
        int senderPort = ServerFixture.freePort();
        int receiverPort = ServerFixture.freePort();
        String sender = "alice" + senderPort;
        String receiver = "bob" + receiverPort;
        register(receiver, receiverPort);
        register(sender, senderPort);
        Sipp.Run uas = Sipp.scenario("pf_uas_message.xml").localPort(receiverPort).service(receiver).calls(20)
                .timeout(Duration.ofSeconds(30)).start();
        Thread.sleep(300);
        Sipp.Run uac = Sipp.scenario("pf_uac_message.xml").remote(server.address()).localPort(senderPort)
                .service(receiver).key("caller", sender).key("domain", "example.com")
                .calls(20).rate(20).timeout(Duration.ofSeconds(30)).start();
        bothPass(uac, uas);
    }

    @Test
    @DisplayName("PF-T-DSP-05, PF-T-INV-08..23: an INVITE from a trusted network peer (the other side's PF) reaches "
            + "the served user's client through the terminating PF only; the session ends with a BYE from the peer")
    void anInviteFromATrustedPeerReachesTheServedUser() throws Exception {
        int calleePort = ServerFixture.freePort();
        String callee = "bob" + calleePort;
        register(callee, calleePort);
        Sipp.Run uas = Sipp.scenario("pf_uas_session.xml").localPort(calleePort).service(callee).calls(3)
                .arg("-d", "2000").timeout(Duration.ofSeconds(30)).start();
        Thread.sleep(300);
        Sipp.Run peer = Sipp.scenario("pf_uac_session.xml").remote(server.address()).localPort(peerPort)
                .service(callee).key("caller", "carol").key("caller_domain", "other.example.net")
                .key("domain", "example.com").arg("-d", "200").calls(3).rate(5).timeout(Duration.ofSeconds(30)).start();
        bothPass(peer, uas);
    }

    @Test
    @DisplayName("PF-T-BYE / PF-O-BYE, AMB-06: the SIP/IP core releases the callee's dialog with Reason SIP;cause=503; "
            + "the BYE crosses both PFs with its Reason, the caller gets it, every BYE is answered 200")
    void aByeFromTheCoreWithCause503EndsTheSession() throws Exception {
        int callerPort = ServerFixture.freePort();
        int calleePort = ServerFixture.freePort();
        String caller = "alice" + callerPort;
        String callee = "bob" + calleePort;
        register(callee, calleePort);
        register(caller, callerPort);
        Sipp.Run uas = Sipp.scenario("pf_uas_core_bye.xml").localPort(calleePort).service(callee)
                .key("domain", "example.com").calls(2).arg("-d", "300").timeout(Duration.ofSeconds(30)).start();
        Thread.sleep(300);
        Sipp.Run uac = Sipp.scenario("pf_uac_session_released.xml").remote(server.address()).localPort(callerPort)
                .service(callee).key("caller", caller).key("caller_domain", "example.com").key("domain", "example.com")
                .calls(2).rate(2).timeout(Duration.ofSeconds(30)).start();
        bothPass(uac, uas);
    }
}
