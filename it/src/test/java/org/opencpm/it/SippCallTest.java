package org.opencpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real SIP peers through the embedded SIP/IP core on sockets: SIPp instances register as two users
 * of example.com and call each other through the server (REGISTER, INVITE/180/200/ACK, BYE),
 * over UDP and over TCP; a caller cancels a ringing call; calls survive packet loss by
 * retransmission (RFC 3261 §17 timers on both sides).
 */
class SippCallTest {

    private static ServerFixture server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerFixture.start("");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void register(String user, int contactPort, String transport) throws Exception {
        Sipp.Run r = Sipp.scenario("register.xml").remote(server.address()).transport(transport)
                .localPort(ServerFixture.freePort()).service(user)
                .key("domain", "example.com").key("contact_port", contactPort).key("expires", 600)
                .timeout(Duration.ofSeconds(15)).start();
        assertThat(r.await()).as("REGISTER of %s: %s", user, r.output()).isZero();
    }

    private void call(String transport, int calls, double rate, String... extra) throws Exception {
        int callerPort = ServerFixture.freePort();
        int calleePort = ServerFixture.freePort();
        String callee = "bob" + transport + calleePort;
        String caller = "alice" + transport + callerPort;
        register(callee, calleePort, transport);
        register(caller, callerPort, transport);
        Sipp.Run uas = Sipp.scenario("uas.xml").transport(transport).localPort(calleePort).service(callee)
                .calls(calls).timeout(Duration.ofSeconds(40)).arg(extra).start();
        Thread.sleep(300); // let the callee bind before the first INVITE reaches it
        Sipp.Run uac = Sipp.scenario("uac.xml").remote(server.address()).transport(transport).localPort(callerPort)
                .service(callee).key("caller", caller).key("domain", "example.com").arg("-d", "100")
                .calls(calls).rate(rate).timeout(Duration.ofSeconds(40)).arg(extra).start();
        int uacExit = uac.await();
        int uasExit = uas.await();
        assertThat(uacExit).as("caller SIPp:\n%s", uac.output()).isZero();
        assertThat(uasExit).as("callee SIPp:\n%s", uas.output()).isZero();
    }

    @ParameterizedTest(name = "calls between two registered SIPp users pass over {0}")
    @ValueSource(strings = {"u1", "t1"})
    void callsBetweenTwoRegisteredUsersPass(String transport) throws Exception {
        call(transport, 20, 20);
    }

    @ParameterizedTest(name = "a caller cancels a ringing call over {0}")
    @ValueSource(strings = {"u1", "t1"})
    void aCallerCancelsARingingCall(String transport) throws Exception {
        int callerPort = ServerFixture.freePort();
        int calleePort = ServerFixture.freePort();
        String callee = "carol" + transport + calleePort;
        register(callee, calleePort, transport);
        Sipp.Run uas = Sipp.scenario("uas_cancel.xml").transport(transport).localPort(calleePort).service(callee)
                .calls(3).timeout(Duration.ofSeconds(30)).start();
        Thread.sleep(300);
        Sipp.Run uac = Sipp.scenario("uac_cancel.xml").remote(server.address()).transport(transport)
                .localPort(callerPort).service(callee).key("caller", "dave").key("domain", "example.com")
                .calls(3).rate(5).timeout(Duration.ofSeconds(30)).start();
        int uacExit = uac.await();
        int uasExit = uas.await();
        assertThat(uacExit).as("caller SIPp:\n%s", uac.output()).isZero();
        assertThat(uasExit).as("callee SIPp:\n%s", uas.output()).isZero();
    }

    @org.junit.jupiter.api.Test
    void callsCompleteDespitePacketLossThroughRetransmissions() throws Exception {
        // SIPp drops 5 % of the packets it sends and receives; the server's Timer A/E/G
        // retransmissions and SIPp's own recover every call.
        call("u1", 20, 10, "-lost", "5");
    }
}
