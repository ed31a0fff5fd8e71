package org.opencpm.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Participating Function policy ({@code participating-function:}).
 *
 * @param mode                     B2BUA (stays in the media path) or PROXY (Record-Routes only)
 * @param allowAnonymity           false: a request asking for identity privacy gets 403 "119 Anonymity not allowed"
 * @param requiredClientVersions   User-Agent product tokens accepted; empty accepts any (else 403 "132 Version not supported")
 * @param allowedMedia             SDP media types accepted (else 488)
 * @param noSuitableClient         what a terminating PF does when no suitable client is registered
 * @param directDeliveryAllClients multi-device direct delivery (8.2.2.3 step 1.b, RD-04)
 * @param iwfByeCloses             whether a BYE from an IWF closes the whole session or only its streams
 * @param sessionExpires           Session-Expires requested (RFC 4028)
 * @param profile                  seed revision followed where they differ
 * @param imdnDirectForward        PF-IMDN-T-01: forward notifications without the de-duplication cache
 * @param imdnUnsupportedReleases  User-Agent / Server tokens of clients without IMDN for chat (PF-IMDN-OB-02)
 */
public record ParticipatingFunctionConfig(Mode mode, boolean allowAnonymity, List<String> requiredClientVersions,
                                          List<String> allowedMedia, NoSuitableClient noSuitableClient,
                                          boolean directDeliveryAllClients, IwfByeCloses iwfByeCloses,
                                          Duration sessionExpires, Profile profile, boolean imdnDirectForward,
                                          List<String> imdnUnsupportedReleases) {

    public ParticipatingFunctionConfig {
        requiredClientVersions = List.copyOf(requiredClientVersions);
        allowedMedia = List.copyOf(allowedMedia);
        imdnUnsupportedReleases = List.copyOf(imdnUnsupportedReleases);
    }

    /** The policy with the IMDN keys at their defaults (no direct forwarding; CPM 1.0 clients send no chat IMDN). */
    public ParticipatingFunctionConfig(Mode mode, boolean allowAnonymity, List<String> requiredClientVersions,
                                       List<String> allowedMedia, NoSuitableClient noSuitableClient,
                                       boolean directDeliveryAllClients, IwfByeCloses iwfByeCloses,
                                       Duration sessionExpires, Profile profile) {
        this(mode, allowAnonymity, requiredClientVersions, allowedMedia, noSuitableClient, directDeliveryAllClients,
                iwfByeCloses, sessionExpires, profile, false, List.of("OMA1.0"));
    }

    /** Whether the PF stays in the media path (requirements.md §7 {@code mediaPathMode}). */
    public enum Mode {
        /** The PF terminates and re-originates the session and relays MSRP; needed for storage, deferral, interworking. */
        B2BUA,
        /** The PF proxies the INVITE, Record-Routes, and leaves MSRP end to end. */
        PROXY
    }

    /** PF-T-INV-06: no suitable client registered for the served user. */
    public enum NoSuitableClient {
        /** Answer 480. */
        REJECT,
        /** Send the INVITE to the ISF ({@code interworking.isf}). */
        INTERWORK
    }

    /** PF-O-BYE-21/22, PF-T-BYE-11/12: scope of a BYE from an IWF. */
    public enum IwfByeCloses {
        /** The whole CPM session ends. */
        SESSION,
        /** Only the interworked streams end; the session goes on. */
        STREAMS
    }
}
