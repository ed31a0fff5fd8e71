package org.opencpm.it.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.it.ServerFixture;

/**
 * The example IMS-like core ({@code deploy/kamailio/kamailio.cfg}, the real Kamailio) routes as the
 * OpenCPM application server expects (design §3, "Behind an IMS core"), with SIPp playing the clients and
 * the application server:
 * <ul>
 *   <li>a client's REGISTER is answered 200 and yields a third-party REGISTER to the AS (To = the public
 *       identity, From/Contact = the core, Expires = the user's remaining registration, {@code message/sip}
 *       body = the client's REGISTER); de-registration gives Expires 0, but only once no device is left;
 *       a binding that times out is reported too (Expires 0 once it was the last);</li>
 *   <li>a CPM session INVITE from a registered user goes to the AS for the originating service (Route
 *       {@code <AS;lr;orig>, <core;lr;ocontinue>}, P-Served-User sescase=orig), comes back with the
 *       Route entries below the AS's, goes to the AS again for the terminating service ({@code <AS;lr>,
 *       <core;lr;tcontinue>}, sescase=term, no orig), comes back and reaches the callee's registered
 *       contact; 200, ACK and BYE complete along the Record-Route set;</li>
 *   <li>an INVITE without a CPM ICSI goes straight to the callee (no AS is running: a detour would fail);</li>
 *   <li>Reject-Contact with a device's +sip.instance keeps the core from forking to that device;</li>
 *   <li>a CPM INVITE for a user with no registered contact still reaches the AS's terminating service
 *       ({@code regstate=unreg}: where OpenCPM defers), whose answer reaches the caller;</li>
 *   <li>a request the AS originates itself (no marker), even with a registered user in From, goes through
 *       the terminating step only (no originating loop) and then to the callee;</li>
 *   <li>a continuation marker pre-loaded by a client is ignored (services cannot be skipped).</li>
 * </ul>
 * Not covered here: OpenCPM itself as the AS (the lead's end-to-end tests), TCP, and authentication
 * (the example core has none).
 */
class KamailioRoutingTest {

    private static final String DOMAIN = "example.com";
    private static final Duration STEP = Duration.ofSeconds(15);

    private static Kamailio core;
    private static int asPort;

    @BeforeAll
    static void startCore() throws Exception {
        asPort = ServerFixture.freePort();
        core = Kamailio.start(ServerFixture.freePort(), "127.0.0.1:" + asPort, DOMAIN);
    }

    @AfterAll
    static void stopCore() throws Exception {
        if (core != null) {
            core.stop();
        }
    }

    /** The AS side of {@code registrations} REGISTERs, started before the clients register. */
    private static ImsSipp.Run asForRegistrations(int registrations) throws Exception {
        ImsSipp.Run as = ImsSipp.scenario("as_register.xml").localPort(asPort).calls(registrations)
                .timeout(STEP).start();
        Thread.sleep(300); // let it bind before the first third-party REGISTER
        return as;
    }

    private static void register(String user, int contactPort, int expires) throws Exception {
        ImsSipp.Run r = ImsSipp.scenario("client_register.xml").remote(core.address())
                .localPort(ServerFixture.freePort()).service(user).key("domain", DOMAIN)
                .key("contact_port", contactPort).key("expires", expires).timeout(STEP).start();
        assertThat(r.await()).as("REGISTER of %s (expires %d):\n%s\n%s", user, expires, r.output(), core.log())
                .isZero();
    }

    /** Registers the users (each with its contact port) while an AS answers the third-party REGISTERs. */
    private static void registerAll(Object... userAndPort) throws Exception {
        ImsSipp.Run as = asForRegistrations(userAndPort.length / 2);
        for (int i = 0; i < userAndPort.length; i += 2) {
            register((String) userAndPort[i], (Integer) userAndPort[i + 1], 600);
        }
        assertThat(as.await()).as("AS:\n%s", as.output()).isZero();
    }

    private static List<String> thirdPartyRegisters(ImsSipp.Run as) {
        return as.logs().stream().filter(l -> l.startsWith("3PREG")).toList();
    }

    private static int expiresOf(String line) {
        return Integer.parseInt(line.replaceAll(".* expires=([0-9]+) .*", "$1"));
    }

    @Test
    void registrationAndDeRegistrationReachTheAsAsThirdPartyRegisters() throws Exception {
        int contact = ServerFixture.freePort();
        String user = "alice" + contact;
        ImsSipp.Run as = asForRegistrations(2);
        register(user, contact, 600);
        register(user, contact, 0);
        assertThat(as.await()).as("AS:\n%s", as.output()).isZero();

        List<String> regs = thirdPartyRegisters(as);
        assertThat(regs).as("AS log %s", as.logs()).hasSize(2);
        for (String r : regs) {
            assertThat(r).contains("to= <sip:" + user + "@" + DOMAIN + ">")
                    .contains("from= <sip:" + core.address() + ">")
                    .contains("contact= <sip:" + core.address() + ">")
                    .contains("ctype=message/sip")
                    .contains("body=REGISTER sip:" + DOMAIN + " SIP/2.0")
                    .contains("bodycontact=Contact: <sip:" + user + "@127.0.0.1:" + contact)
                    .contains("+sip.instance=\"<urn:uuid:" + user + "-" + contact + ">\"");
        }
        assertThat(expiresOf(regs.get(0))).as(regs.get(0)).isBetween(590, 600);
        assertThat(expiresOf(regs.get(1))).as(regs.get(1)).isZero();
    }

    @Test
    void oneDeviceLeavingKeepsTheUserRegisteredAtTheAs() throws Exception {
        int phone = ServerFixture.freePort();
        int laptop = ServerFixture.freePort();
        String user = "carol" + phone;
        ImsSipp.Run as = asForRegistrations(4);
        register(user, phone, 600);
        register(user, laptop, 600);
        register(user, phone, 0);
        register(user, laptop, 0);
        assertThat(as.await()).as("AS:\n%s", as.output()).isZero();

        List<String> regs = thirdPartyRegisters(as);
        assertThat(regs).as("AS log %s", as.logs()).hasSize(4);
        assertThat(expiresOf(regs.get(2))).as("the phone leaves, the laptop remains: %s", regs.get(2))
                .isBetween(590, 600);
        assertThat(regs.get(2)).contains("127.0.0.1:" + phone); // the body is the phone's de-REGISTER
        assertThat(expiresOf(regs.get(3))).as("the last device leaves: %s", regs.get(3)).isZero();
    }

    @Test
    void aCpmSessionGoesThroughOriginatingThenTerminatingServiceThenToTheCallee() throws Exception {
        int alicePort = ServerFixture.freePort();
        int bobPort = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String bob = "bob" + bobPort;
        registerAll(alice, alicePort, bob, bobPort);

        ImsSipp.Run as = ImsSipp.scenario("as_relay.xml").localPort(asPort).timeout(STEP).start();
        ImsSipp.Run callee = ImsSipp.scenario("callee.xml").localPort(bobPort).service(bob).timeout(STEP).start();
        Thread.sleep(300);
        ImsSipp.Run caller = ImsSipp.scenario("client_invite.xml").remote(core.address()).localPort(alicePort)
                .service(bob).key("caller", alice).key("domain", DOMAIN).key("icsi", "oma.cpm.session")
                .key("reject", "nobody").key("preloaded", "ob").timeout(STEP).start();

        int callerExit = caller.await();
        int calleeExit = callee.await();
        int asExit = as.await();
        assertThat(callerExit).as("caller:\n%s\ncore:\n%s", caller.output(), core.log()).isZero();
        assertThat(asExit).as("AS:\n%s", as.output()).isZero();
        assertThat(calleeExit).as("callee:\n%s", callee.output()).isZero();

        String coreHostPort = core.address();
        assertThat(String.join("\n", as.logs()))
                .contains("Route: <sip:127.0.0.1:" + asPort + ";lr;orig>, <sip:" + coreHostPort + ";lr;ocontinue>")
                .contains("ORIG route=<sip:127.0.0.1:" + asPort + ";lr;orig> served= <sip:" + alice + "@" + DOMAIN
                        + ">;sescase=orig;regstate=reg")
                .contains("Route: <sip:127.0.0.1:" + asPort + ";lr>, <sip:" + coreHostPort + ";lr;tcontinue>")
                .contains("TERM route=<sip:127.0.0.1:" + asPort + ";lr> served= <sip:" + bob + "@" + DOMAIN
                        + ">;sescase=term;regstate=reg");
        assertThat(String.join("\n", callee.logs())).contains("icsi=ims.icsi.oma.cpm.session");
    }

    @Test
    void aRequestWithoutACpmServiceBypassesTheApplicationServer() throws Exception {
        int alicePort = ServerFixture.freePort();
        int bobPort = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String bob = "bob" + bobPort;
        registerAll(alice, alicePort, bob, bobPort);

        // No AS is running now: a detour through it would time out.
        ImsSipp.Run callee = ImsSipp.scenario("callee.xml").localPort(bobPort).service(bob).timeout(STEP).start();
        Thread.sleep(300);
        ImsSipp.Run caller = ImsSipp.scenario("client_invite.xml").remote(core.address()).localPort(alicePort)
                .service(bob).key("caller", alice).key("domain", DOMAIN).key("icsi", "mmtel")
                .key("reject", "nobody").key("preloaded", "ob").timeout(STEP).start();
        int callerExit = caller.await();
        int calleeExit = callee.await();
        assertThat(callerExit).as("caller:\n%s\ncore:\n%s", caller.output(), core.log()).isZero();
        assertThat(calleeExit).as("callee:\n%s", callee.output()).isZero();
        assertThat(String.join("\n", callee.logs())).contains("icsi=ims.icsi.mmtel");
    }

    @Test
    void rejectContactKeepsTheCoreFromForkingToThatDevice() throws Exception {
        int alicePort = ServerFixture.freePort();
        int phone = ServerFixture.freePort();
        int laptop = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String bob = "bob" + phone;
        registerAll(alice, alicePort, bob, phone, bob, laptop);

        ImsSipp.Run as = ImsSipp.scenario("as_relay.xml").localPort(asPort).timeout(STEP).start();
        ImsSipp.Run onPhone = ImsSipp.scenario("callee.xml").localPort(phone).service(bob).timeout(STEP).start();
        ImsSipp.Run onLaptop = ImsSipp.scenario("callee.xml").localPort(laptop).service(bob).timeout(STEP).start();
        Thread.sleep(300);
        ImsSipp.Run caller = ImsSipp.scenario("client_invite.xml").remote(core.address()).localPort(alicePort)
                .service(bob).key("caller", alice).key("domain", DOMAIN).key("icsi", "oma.cpm.session")
                .key("reject", bob + "-" + phone).key("preloaded", "ob").timeout(STEP).start();

        int callerExit = caller.await();
        int laptopExit = onLaptop.await();
        int asExit = as.await();
        onPhone.kill();
        onPhone.await();
        assertThat(callerExit).as("caller:\n%s\ncore:\n%s", caller.output(), core.log()).isZero();
        assertThat(asExit).as("AS:\n%s", as.output()).isZero();
        assertThat(laptopExit).as("laptop:\n%s", onLaptop.output()).isZero();
        assertThat(onPhone.logs()).as("the rejected phone got no INVITE:\n%s", onPhone.output()).isEmpty();
    }

    @Test
    void aCpmInviteForAnUnregisteredUserReachesTheTerminatingServiceMarkedUnreg() throws Exception {
        int alicePort = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String dave = "dave" + ServerFixture.freePort(); // never registers
        registerAll(alice, alicePort);

        ImsSipp.Run as = ImsSipp.scenario("as_defer.xml").localPort(asPort).timeout(STEP).start();
        Thread.sleep(300);
        ImsSipp.Run caller = ImsSipp.scenario("client_invite_rejected.xml").remote(core.address())
                .localPort(alicePort).service(dave).key("caller", alice).key("domain", DOMAIN).timeout(STEP).start();
        int callerExit = caller.await();
        int asExit = as.await();
        assertThat(callerExit).as("caller:\n%s\ncore:\n%s", caller.output(), core.log()).isZero();
        assertThat(asExit).as("AS:\n%s", as.output()).isZero();
        assertThat(String.join("\n", as.logs())).contains("ORIG route=<sip:127.0.0.1:" + asPort + ";lr;orig>")
                .contains("TERM route=<sip:127.0.0.1:" + asPort + ";lr> case=sescase=term;regstate=unreg");
    }

    @Test
    void aRequestTheAsOriginatesGoesThroughTheTerminatingStepOnly() throws Exception {
        int alicePort = ServerFixture.freePort();
        int bobPort = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String bob = "bob" + bobPort;
        registerAll(alice, alicePort, bob, bobPort);

        ImsSipp.Run callee = ImsSipp.scenario("callee.xml").localPort(bobPort).service(bob).timeout(STEP).start();
        Thread.sleep(300);
        ImsSipp.Run as = ImsSipp.scenario("as_originate.xml").remote(core.address()).localPort(asPort)
                .service(bob).key("caller", alice).key("domain", DOMAIN).timeout(STEP).start();
        int asExit = as.await();
        int calleeExit = callee.await();
        assertThat(asExit).as("AS:\n%s\ncore:\n%s", as.output(), core.log()).isZero();
        assertThat(calleeExit).as("callee:\n%s", callee.output()).isZero();
        assertThat(String.join("\n", as.logs()))
                .contains("TERM route=<sip:127.0.0.1:" + asPort + ";lr> case=sescase=term;regstate=reg")
                .doesNotContain("ORIG");
    }

    @Test
    void aBindingThatTimesOutIsReportedToTheAsWithExpiresZero() throws Exception {
        int contact = ServerFixture.freePort();
        String user = "frank" + contact;
        ImsSipp.Run as = ImsSipp.scenario("as_register_any.xml").localPort(asPort).calls(2)
                .timeout(Duration.ofSeconds(25)).start();
        Thread.sleep(300);
        register(user, contact, 10); // the configuration's min_expires
        assertThat(as.await()).as("AS:\n%s\ncore:\n%s", as.output(), core.log()).isZero();

        List<String> regs = thirdPartyRegisters(as);
        assertThat(regs).as("AS log %s", as.logs()).hasSize(2);
        assertThat(regs.get(0)).contains("to= <sip:" + user + "@" + DOMAIN + ">").contains("ctype= message/sip");
        assertThat(regs.get(1)).contains("to= <sip:" + user + "@" + DOMAIN + ">").contains("expires=0 ")
                .as("no client REGISTER to carry").endsWith("ctype=");
    }

    @Test
    void aContinuationMarkerForgedByAClientIsIgnored() throws Exception {
        int alicePort = ServerFixture.freePort();
        int bobPort = ServerFixture.freePort();
        String alice = "alice" + alicePort;
        String bob = "bob" + bobPort;
        registerAll(alice, alicePort, bob, bobPort);

        ImsSipp.Run as = ImsSipp.scenario("as_relay.xml").localPort(asPort).timeout(STEP).start();
        ImsSipp.Run callee = ImsSipp.scenario("callee.xml").localPort(bobPort).service(bob).timeout(STEP).start();
        Thread.sleep(300);
        // Route: <sip:core;lr;tcontinue> from the client would skip both services if it were honoured.
        ImsSipp.Run caller = ImsSipp.scenario("client_invite.xml").remote(core.address()).localPort(alicePort)
                .service(bob).key("caller", alice).key("domain", DOMAIN).key("icsi", "oma.cpm.session")
                .key("reject", "nobody").key("preloaded", "tcontinue").timeout(STEP).start();
        int callerExit = caller.await();
        int calleeExit = callee.await();
        int asExit = as.await();
        assertThat(callerExit).as("caller:\n%s\ncore:\n%s", caller.output(), core.log()).isZero();
        assertThat(asExit).as("the AS still ran both services:\n%s", as.output()).isZero();
        assertThat(calleeExit).as("callee:\n%s", callee.output()).isZero();
        assertThat(String.join("\n", as.logs())).contains("sescase=orig").contains("sescase=term");
    }
}
