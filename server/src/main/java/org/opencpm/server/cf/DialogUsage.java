package org.opencpm.server.cf;

import org.opencpm.sip.dialog.Dialog;

/**
 * A dialog the Controlling Function holds, keyed in its dialog table by Call-ID and our tag: either a
 * participant's INVITE dialog with the focus or a conference-event subscription (RFC 6665).
 */
sealed interface DialogUsage permits Participant, ConferenceSubscription {

    GroupSession group();

    Dialog dialog();
}
