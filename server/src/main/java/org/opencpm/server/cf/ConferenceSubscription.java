package org.opencpm.server.cf;

import org.opencpm.common.time.Cancellable;
import org.opencpm.sip.dialog.Dialog;

/**
 * One subscription to the conference event package (RFC 4575) of a group session's focus: its dialog,
 * the subscriber, the version of the last document sent (per subscription, RFC 4575 §4.6: full = 1, then
 * +1 per NOTIFY) and the expiry timer.
 */
final class ConferenceSubscription implements DialogUsage {

    final String subscriber;
    private final GroupSession group;
    final Dialog dialog;
    long version;
    Cancellable expiry = Cancellable.NONE;
    boolean terminated;

    ConferenceSubscription(String subscriber, GroupSession group, Dialog dialog) {
        this.subscriber = subscriber;
        this.group = group;
        this.dialog = dialog;
    }

    @Override
    public GroupSession group() {
        return group;
    }

    @Override
    public Dialog dialog() {
        return dialog;
    }
}
