package org.opencpm.server.pf.bye;

/**
 * Whom a dialog of a CPM Session connects the PF to (requirements.md §2 "Terms"). The leg a BYE arrives
 * on decides which step of §8.2.2.3 / §8.3.2.3 runs; the Reason only refines it (AMB-05).
 */
public enum LegKind {
    /** A dialog with one of the served user's CPM Clients. */
    CLIENT,
    /** The dialog with the other CPM entity: the other user's PF (1-1) or the CF (group session). */
    NETWORK,
    /** A dialog with an IWF (reached through the ISF). */
    IWF
}
