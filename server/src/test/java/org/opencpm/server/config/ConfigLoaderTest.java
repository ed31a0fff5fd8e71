package org.opencpm.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.config.MessageStoreConfig.Type;
import org.opencpm.server.config.ParticipatingFunctionConfig.IwfByeCloses;
import org.opencpm.server.config.ParticipatingFunctionConfig.Mode;
import org.opencpm.server.config.ParticipatingFunctionConfig.NoSuitableClient;
import org.opencpm.server.config.TransportAddress.Transport;

/** Loading valid files: the design.md §3 defaults and contract example, the IMS keys, our own sections. */
class ConfigLoaderTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    @DisplayName("With no file the defaults of design.md §3 apply")
    void defaultsWithNoFile() {
        ServerConfig c = ServerConfig.defaults();

        assertThat(c.domain()).isEqualTo("example.com");
        assertThat(c.listen().sip()).containsExactly(
                new TransportAddress(Transport.UDP, "127.0.0.1", 5060),
                new TransportAddress(Transport.TCP, "127.0.0.1", 5060));
        assertThat(c.listen().msrp()).isEqualTo(new TransportAddress(Transport.TCP, "127.0.0.1", 2855));
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.edgeRegistrar()).isTrue();
        assertThat(c.core()).isEmpty();
        assertThat(c.routes()).isEmpty();
        assertThat(c.trustedPeers()).isEmpty();

        assertThat(c.sip()).isEqualTo(new SipConfig(Duration.ofMillis(500), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 65535, Duration.ofSeconds(300), Duration.ofSeconds(10)));

        ParticipatingFunctionConfig pf = c.participatingFunction();
        assertThat(pf.mode()).isEqualTo(Mode.B2BUA);
        assertThat(pf.allowAnonymity()).isFalse();
        assertThat(pf.requiredClientVersions()).isEmpty();
        assertThat(pf.allowedMedia()).containsExactly("message");
        assertThat(pf.noSuitableClient()).isEqualTo(NoSuitableClient.REJECT);
        assertThat(pf.directDeliveryAllClients()).isTrue();
        assertThat(pf.iwfByeCloses()).isEqualTo(IwfByeCloses.SESSION);
        assertThat(pf.sessionExpires()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(pf.profile()).isEqualTo(Profile.CPM21);
        assertThat(pf.profile().serverToken()).isEqualTo("CPM-serv/OMA2.1");

        assertThat(c.controllingFunction())
                .isEqualTo(new ControllingFunctionConfig("sip:chat@example.com", Duration.ofSeconds(600)));
        assertThat(c.interworking().isf()).isEmpty();
        assertThat(c.messageStore().type()).isEqualTo(Type.EMBEDDED);
        assertThat(c.messageStore().imap()).isEqualTo(new MessageStoreConfig.Imap("127.0.0.1", 143, Optional.empty()));
        assertThat(c.store()).isEqualTo(new StoreConfig(Duration.ofDays(7), Duration.ofDays(7)));
        assertThat(c.msrp()).isEqualTo(new MsrpConfig(2048, 1024 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(120), Duration.ofSeconds(10)));
        assertThat(c.users().listed()).isEmpty();
        assertThat(c.users().preferencesOf("sip:anyone@example.com")).isEqualTo(UserPreferences.DEFAULT);
        assertThat(c.users().isAuthorized("sip:anyone@example.com")).isTrue();
    }

    @Test
    @DisplayName("An empty file, or one with only comments, gives the defaults")
    void emptyFileGivesDefaults() throws ConfigException {
        assertThat(ConfigLoader.load("", "empty.yaml")).isEqualTo(ServerConfig.defaults());
        assertThat(ConfigLoader.load("# nothing here\n", "comments.yaml")).isEqualTo(ServerConfig.defaults());
    }

    @Test
    @DisplayName("The contract example of design.md §3 parses into the values it states")
    void contractExampleParses() throws Exception {
        ServerConfig c = ConfigLoader.load(resource("contract.yaml"));

        assertThat(c.domain()).isEqualTo("example.com");
        assertThat(c.listen().sip()).extracting(TransportAddress::toString)
                .containsExactly("udp:127.0.0.1:5060", "tcp:127.0.0.1:5060");
        assertThat(c.listen().msrp()).hasToString("tcp:127.0.0.1:2855");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.participatingFunction()).isEqualTo(new ParticipatingFunctionConfig(Mode.B2BUA, false,
                List.of(), List.of("message"), NoSuitableClient.REJECT, true, IwfByeCloses.SESSION,
                Duration.ofSeconds(1800), Profile.CPM21));
        assertThat(c.controllingFunction().factoryUri()).isEqualTo("sip:chat@example.com");
        assertThat(c.controllingFunction().inactivityTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(c.interworking().isf()).contains(new TransportAddress(Transport.UDP, "127.0.0.1", 5090));
        assertThat(c.routes()).containsExactly(
                new Route("other.example.net", new TransportAddress(Transport.UDP, "127.0.0.1", 5070)));
        assertThat(c.routeFor("Other.Example.NET")).map(Route::nextHop).map(TransportAddress::port).contains(5070);
        assertThat(c.trustedPeers()).containsExactly(new HostPort("127.0.0.1", OptionalInt.of(5070)));
        assertThat(c.isTrustedPeer("127.0.0.1", 5070)).isTrue();
        assertThat(c.isTrustedPeer("127.0.0.1", 5071)).isFalse();
        assertThat(c.messageStore().type()).isEqualTo(Type.EMBEDDED);
        assertThat(c.messageStore().imap()).isEqualTo(new MessageStoreConfig.Imap("127.0.0.1", 143, Optional.of("secret")));
        assertThat(c.messageStore().imap().toString()).doesNotContain("secret");

        UserConfig alice = c.users().find("sip:alice@example.com").orElseThrow();
        assertThat(alice).isEqualTo(new UserConfig("sip:alice@example.com", true,
                new UserPreferences(true, true, true, false, List.of("sip:mallory@example.com"))));
        assertThat(c.users().preferencesOf("<sip:alice@EXAMPLE.com;transport=tcp>")).isEqualTo(alice.preferences());
        assertThat(alice.preferences().isBlacklisted("sip:mallory@Example.com")).isTrue();
        assertThat(alice.preferences().isBlacklisted("sip:bob@example.com")).isFalse();
        assertThat(c.users().preferencesOf("sip:bob@example.com")).isEqualTo(UserPreferences.DEFAULT);
        assertThat(c.users().preferencesOf("sip:Alice@example.com"))
                .as("the user part is compared as written").isEqualTo(UserPreferences.DEFAULT);
    }

    @Test
    @DisplayName("An IMS deployment file sets the core, our own sections and non-default values")
    void imsDeploymentParses() throws Exception {
        ServerConfig c = ConfigLoader.load(resource("ims.yaml"));

        assertThat(c.domain()).isEqualTo("ims.example.org");
        assertThat(c.listen().sip()).containsExactly(new TransportAddress(Transport.UDP, "127.0.0.1", 5070));
        assertThat(c.listen().msrp()).isEqualTo(new TransportAddress(Transport.TCP, "::1", 2856));
        assertThat(c.listen().msrp().hostForUri()).isEqualTo("[::1]");
        assertThat(c.edgeRegistrar()).isFalse();
        assertThat(c.core()).contains(new TransportAddress(Transport.UDP, "127.0.0.1", 5060));
        assertThat(c.trustedPeers()).containsExactly(new HostPort("127.0.0.1", OptionalInt.of(5060)),
                new HostPort("::1", OptionalInt.empty()), new HostPort("kamailio.ims.example.org", OptionalInt.of(5060)));
        assertThat(c.isTrustedPeer("[::1]", 40123)).as("a peer without port matches any port").isTrue();
        assertThat(c.isTrustedPeer("0:0:0:0:0:0:0:1", 5060)).as("IPv6 compares by value").isTrue();
        assertThat(c.isTrustedPeer("KAMAILIO.ims.example.org", 5060)).isTrue();
        assertThat(c.isTrustedPeer("127.0.0.2", 5060)).isFalse();
        assertThat(c.messageStore()).isEqualTo(new MessageStoreConfig(Type.IMAP,
                new MessageStoreConfig.Imap("dovecot.ims.example.org", 1143, Optional.of("12345"))));
        assertThat(c.sip()).isEqualTo(new SipConfig(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(3), 64 * 1024, Duration.ofMinutes(2), Duration.ofSeconds(5)));
        assertThat(c.msrp()).isEqualTo(new MsrpConfig(4096, 10L * 1024 * 1024, Duration.ofSeconds(20),
                Duration.ofHours(1), Duration.ofSeconds(3)));
        assertThat(c.store()).isEqualTo(new StoreConfig(Duration.ofDays(2), Duration.ofHours(12)));
        ParticipatingFunctionConfig pf = c.participatingFunction();
        assertThat(pf.mode()).isEqualTo(Mode.PROXY);
        assertThat(pf.profile()).isEqualTo(Profile.CPM20_EARLY);
        assertThat(pf.profile().serverToken()).isEqualTo("CPM-serv/OMA2.0");
        assertThat(pf.sessionExpires()).isEqualTo(Duration.ofMinutes(30));
        assertThat(pf.noSuitableClient()).isEqualTo(NoSuitableClient.INTERWORK);
        assertThat(pf.requiredClientVersions()).containsExactly("CPM-client/OMA2.0");
        assertThat(c.interworking().isf()).contains(new TransportAddress(Transport.TCP, "isf.ims.example.org", 5090));
        assertThat(c.controllingFunction().factoryUri()).as("derived from the domain").isEqualTo("sip:chat@ims.example.org");
        assertThat(c.controllingFunction().inactivityTimeout()).isZero();
    }

    @Test
    @DisplayName("Durations take ms, s, m, h, d or plain seconds")
    void durationUnits() throws ConfigException {
        String yaml = "sip: { t1: 750ms, t2: 6, t4: 1m, tcp-idle-timeout: 1h, tcp-header-timeout: 1d }\n";
        SipConfig sip = ConfigLoader.load(yaml, "d.yaml").sip();
        assertThat(sip.t1()).isEqualTo(Duration.ofMillis(750));
        assertThat(sip.t2()).isEqualTo(Duration.ofSeconds(6));
        assertThat(sip.t4()).isEqualTo(Duration.ofMinutes(1));
        assertThat(sip.tcpIdleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(sip.tcpHeaderTimeout()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    @DisplayName("A listed user with no settings, or only some, gets the defaults for the rest")
    void partialUserGetsDefaults() throws ConfigException {
        String yaml = """
                users:
                  "sip:bob@example.com":
                  "sip:carol@Example.COM":
                    authorized: false
                    preferences:
                      do-not-disturb: true
                      blacklist: tel:+15551234567
                """;
        UsersConfig users = ConfigLoader.load(yaml, "u.yaml").users();
        assertThat(users.find("sip:bob@example.com")).contains(
                new UserConfig("sip:bob@example.com", true, UserPreferences.DEFAULT));
        assertThat(users.isAuthorized("sip:carol@example.com")).isFalse();
        assertThat(users.preferencesOf("sip:carol@example.com"))
                .isEqualTo(new UserPreferences(true, true, true, true, List.of("tel:+15551234567")));
        assertThat(users.listed()).containsOnlyKeys("sip:bob@example.com", "sip:carol@example.com");
    }

    @Test
    @DisplayName("Users can share preferences through a YAML anchor and merge key")
    void mergeKeysAreExpanded() throws ConfigException {
        String yaml = """
                users:
                  "sip:alice@example.com":
                    preferences: &quiet
                      do-not-disturb: true
                      allow-defer: false
                  "sip:bob@example.com":
                    preferences:
                      <<: *quiet
                      allow-defer: true
                """;
        UsersConfig users = ConfigLoader.load(yaml, "m.yaml").users();
        assertThat(users.preferencesOf("sip:alice@example.com"))
                .isEqualTo(new UserPreferences(true, true, false, true, List.of()));
        assertThat(users.preferencesOf("sip:bob@example.com"))
                .as("the explicit key wins over the merged one")
                .isEqualTo(new UserPreferences(true, true, true, true, List.of()));
    }

    @Test
    @DisplayName("AMB-01 MSRP loss timers and AMB-03 IMDN cache TTL have the proposed defaults")
    void ambiguityDefaults() {
        ServerConfig c = ServerConfig.defaults();
        assertThat(c.msrp().transactionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.msrp().idleProbeInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.msrp().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.store().imdnCacheTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    @DisplayName("A key left empty counts as absent")
    void emptyValueIsAbsent() throws ConfigException {
        ServerConfig c = ConfigLoader.load("interworking:\n  isf:\ndomain:\n", "e.yaml");
        assertThat(c.interworking().isf()).isEmpty();
        assertThat(c.domain()).isEqualTo("example.com");
    }

    @Test
    @DisplayName("Each profile carries its configuration spelling and release token")
    void profileTokens() {
        assertThat(Profile.CPM21.configName()).isEqualTo("CPM21");
        assertThat(Profile.CPM20.serverToken()).isEqualTo("CPM-serv/OMA2.0");
        assertThat(Profile.CPM20_EARLY.configName()).isEqualTo("CPM20-EARLY");
        assertThat(Profile.CPM21.clientToken()).isEqualTo("CPM-client/OMA2.1");
    }
}
