package org.opencpm.sip.dialog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * The dialogs of one UA core, keyed by {@link DialogId}. A UA core looks up each incoming request with
 * a To tag here ({@link #forRequest}; none found means 481, §12.2.2) and each response to its own
 * requests ({@link #forResponse}). Not thread-safe; owned by the SIP owner thread.
 */
public final class DialogTable {

    private final Map<DialogId, Dialog> dialogs = new HashMap<>();

    /** Adds a dialog; an existing dialog with the same id is replaced and returned. */
    public Dialog put(Dialog dialog) {
        return dialogs.put(dialog.id(), dialog);
    }

    public Dialog get(DialogId id) {
        return dialogs.get(id);
    }

    /** The dialog an incoming request belongs to, or null (no To tag, or an unknown dialog). */
    public Dialog forRequest(SipRequest request) {
        if (request.to().tag() == null || request.from().tag() == null) {
            return null;
        }
        return dialogs.get(DialogId.ofIncomingRequest(request));
    }

    /** The dialog a response to one of our requests belongs to, or null. */
    public Dialog forResponse(SipResponse response) {
        if (response.to().tag() == null || response.from().tag() == null) {
            return null;
        }
        return dialogs.get(DialogId.ofResponseToUs(response));
    }

    public Dialog remove(DialogId id) {
        return dialogs.remove(id);
    }

    /** Removes every terminated dialog; returns how many. */
    public int removeTerminated() {
        int before = dialogs.size();
        dialogs.values().removeIf(d -> d.state() == Dialog.State.TERMINATED);
        return before - dialogs.size();
    }

    public int size() {
        return dialogs.size();
    }

    public Collection<Dialog> all() {
        return Collections.unmodifiableCollection(dialogs.values());
    }
}
