package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.time.Duration;
import java.util.List;
import org.opencpm.server.config.ParticipatingFunctionConfig;
import org.opencpm.server.config.ParticipatingFunctionConfig.IwfByeCloses;
import org.opencpm.server.config.ParticipatingFunctionConfig.Mode;
import org.opencpm.server.config.ParticipatingFunctionConfig.NoSuitableClient;
import org.opencpm.server.config.Profile;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ListType;
import org.opencpm.server.config.schema.ValueTypes;

/** The Participating Function (originating and terminating): service-provider policy of requirements.md §7. */
public final class ParticipatingFunctionDeclaration implements ConfigDeclaration<ParticipatingFunctionConfig> {

    public static final ParticipatingFunctionDeclaration INSTANCE = new ParticipatingFunctionDeclaration();

    public static final ConfigKey<Mode> MODE = key("mode", ValueTypes.oneOf(Mode.class))
            .defaultValue(Mode.B2BUA)
            .description("b2bua: the PF stays in the media path (needed for storage, deferral, interworking); "
                    + "proxy: it Record-Routes and leaves MSRP end to end (PF-O-INV-05/10, PF-T-INV-08/15).")
            .build();
    public static final ConfigKey<Boolean> ALLOW_ANONYMITY = key("allow-anonymity", ValueTypes.bool())
            .defaultValue(false)
            .description("false: a request with Privacy: id gets 403 with Warning \"119 Anonymity not allowed\" "
                    + "(PF-O-INV-03, PF-T-INV-02).")
            .build();
    public static final ConfigKey<List<String>> REQUIRED_CLIENT_VERSIONS = key("required-client-versions",
            ListType.of(ValueTypes.token("product token", "a User-Agent product token, such as CPM-client/OMA2.0", true)))
            .defaultValue(List.of())
            .description("User-Agent product tokens accepted; empty accepts any. Otherwise 403 with Warning "
                    + "\"132 Version not supported\" (PF-O-INV-02, PF-T-INV-01).")
            .build();
    public static final ConfigKey<List<String>> ALLOWED_MEDIA = key("allowed-media",
            ListType.of(ValueTypes.token("media type", "an SDP media type, such as message", false)))
            .defaultValue(List.of("message"))
            .check(l -> !l.isEmpty(), "at least one media type")
            .description("SDP media types accepted in a CPM session; an offer with another gets 488.")
            .build();
    public static final ConfigKey<NoSuitableClient> NO_SUITABLE_CLIENT = key("no-suitable-client",
            ValueTypes.oneOf(NoSuitableClient.class))
            .defaultValue(NoSuitableClient.REJECT)
            .description("Terminating PF with no suitable client registered: reject (480) or interwork "
                    + "(INVITE to `interworking.isf`, which must then be set) (PF-T-INV-06).")
            .build();
    public static final ConfigKey<Boolean> DIRECT_DELIVERY_ALL_CLIENTS = key("direct-delivery-all-clients",
            ValueTypes.bool())
            .defaultValue(true)
            .description("Multi-device direct delivery: sessions are set up to all of the user's suitable "
                    + "clients, and a BYE from one client leaves the others in the session (PF-O-BYE-09/10, RD-04).")
            .build();
    public static final ConfigKey<IwfByeCloses> IWF_BYE_CLOSES = key("iwf-bye-closes", ValueTypes.oneOf(IwfByeCloses.class))
            .defaultValue(IwfByeCloses.SESSION)
            .description("What a BYE from an IWF ends: the whole session, or only the interworked streams "
                    + "(PF-O-BYE-21/22, PF-T-BYE-11/12).")
            .build();
    public static final ConfigKey<Duration> SESSION_EXPIRES = key("session-expires", ValueTypes.duration(true))
            .defaultValue(Duration.ofSeconds(1800))
            .check(d -> d.getSeconds() >= 90, "at least 90 seconds (RFC 4028 Min-SE)")
            .description("Session-Expires the PF requests and enforces (RFC 4028), in seconds; on expiry "
                    + "8.2.2.4 / 8.3.2.4 run.")
            .build();
    public static final ConfigKey<Profile> PROFILE = key("profile", ValueTypes.oneOf(Profile.class, Profile::configName))
            .defaultValue(Profile.CPM21)
            .description("Seed revision followed where the texts differ (requirements.md §2, §5); also sets "
                    + "the release token in User-Agent / Server (`CPM-serv/OMA2.1` for CPM21, `CPM-serv/OMA2.0` "
                    + "for CPM20 and CPM20-EARLY).")
            .build();

    public static final ConfigKey<Boolean> IMDN_DIRECT_FORWARD = key("imdn-direct-forward", ValueTypes.bool())
            .defaultValue(false)
            .description("true: disposition notifications for a served user are forwarded without the message-id / "
                    + "disposition-type cache (8.3.4 \"MAY forward directly\", PF-IMDN-T-01, AMB-19 a); false: "
                    + "duplicates are suppressed by the rules of 8.3.4 steps 1-3.")
            .build();
    public static final ConfigKey<List<String>> IMDN_UNSUPPORTED_RELEASES = key("imdn-unsupported-releases",
            ListType.of(ValueTypes.token("release token", "a User-Agent or Server token, such as CPM-client/OMA1.0", true)))
            .defaultValue(List.of("OMA1.0"))
            .description("Clients whose User-Agent or Server contains one of these tokens send no IMDN for chat "
                    + "messages; the PF sends the delivery notification on their behalf when the sender asked for "
                    + "positive-delivery (8.2.5 case 2, PF-IMDN-OB-02, AMB-20).")
            .build();

    private ParticipatingFunctionDeclaration() {
    }

    @Override
    public String section() {
        return "participating-function";
    }

    @Override
    public String title() {
        return "Participating Function";
    }

    @Override
    public String description() {
        return "Policy of the originating and terminating Participating Function: media path mode, admission "
                + "checks (anonymity, client release, media), what happens when no client can take a session, "
                + "session timer, and the seed profile.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(MODE, ALLOW_ANONYMITY, REQUIRED_CLIENT_VERSIONS, ALLOWED_MEDIA, NO_SUITABLE_CLIENT,
                DIRECT_DELIVERY_ALL_CLIENTS, IWF_BYE_CLOSES, SESSION_EXPIRES, PROFILE, IMDN_DIRECT_FORWARD,
                IMDN_UNSUPPORTED_RELEASES);
    }

    @Override
    public void checkTogether(ConfigValues v) {
        if (v.allGood(NO_SUITABLE_CLIENT, InterworkingDeclaration.ISF)
                && v.get(NO_SUITABLE_CLIENT) == NoSuitableClient.INTERWORK && !v.isSet(InterworkingDeclaration.ISF)) {
            v.reject(NO_SUITABLE_CLIENT, "is interwork but interworking.isf is not set; expected reject, "
                    + "or an ISF address under interworking.isf");
        }
    }

    @Override
    public ParticipatingFunctionConfig build(ConfigValues v) {
        return new ParticipatingFunctionConfig(v.get(MODE), v.get(ALLOW_ANONYMITY), v.get(REQUIRED_CLIENT_VERSIONS),
                v.get(ALLOWED_MEDIA), v.get(NO_SUITABLE_CLIENT), v.get(DIRECT_DELIVERY_ALL_CLIENTS),
                v.get(IWF_BYE_CLOSES), v.get(SESSION_EXPIRES), v.get(PROFILE), v.get(IMDN_DIRECT_FORWARD),
                v.get(IMDN_UNSUPPORTED_RELEASES));
    }
}
