package org.opencpm.msrp.sdp;

import java.util.Locale;
import org.opencpm.msrp.SetupRole;

/**
 * The SDP {@code a=setup} values of RFC 4145 as RFC 6135 uses them for MSRP, and the rules that turn an
 * offer/answer pair into who connects.
 *
 * <p>Without {@code a=setup} the RFC 4975 §5.4 default holds: "the endpoint that sent the original offer
 * ... is responsible for opening the transport connection".
 */
public enum SdpSetup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    /** The attribute value, e.g. {@code actpass}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an attribute value; case-insensitive. */
    public static SdpSetup parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MsrpSdpException("unknown a=setup value: " + value);
        }
    }

    /**
     * The answerer's {@code a=setup} for an offer.
     *
     * @param offered            the offer's value, or {@code null} if it had none
     * @param preferredIfActpass the role the answerer takes when the offer leaves the choice
     */
    public static SdpSetup answerFor(SdpSetup offered, SetupRole preferredIfActpass) {
        if (offered == null) {
            return PASSIVE;
        }
        switch (offered) {
            case ACTIVE: return PASSIVE;
            case PASSIVE: return ACTIVE;
            case ACTPASS: return preferredIfActpass == SetupRole.ACTIVE ? ACTIVE : PASSIVE;
            case HOLDCONN: throw new MsrpSdpException("a=setup:holdconn offers no connection");
            default: throw new IllegalStateException("unknown a=setup " + offered);
        }
    }

    /** The offerer's role once the answer is known; {@code null} answer means the RFC 4975 default (active). */
    public static SetupRole offererRole(SdpSetup answered) {
        if (answered == null) {
            return SetupRole.ACTIVE;
        }
        switch (answered) {
            case ACTIVE: return SetupRole.PASSIVE;
            case PASSIVE: return SetupRole.ACTIVE;
            default: throw new MsrpSdpException("an answer must say active or passive, not " + answered.wireValue());
        }
    }

    /** The role of the side whose answer carries this value (ACTIVE or PASSIVE only). */
    public SetupRole role() {
        switch (this) {
            case ACTIVE: return SetupRole.ACTIVE;
            case PASSIVE: return SetupRole.PASSIVE;
            default: throw new MsrpSdpException("a=setup:" + wireValue() + " is not a resolved role");
        }
    }
}
