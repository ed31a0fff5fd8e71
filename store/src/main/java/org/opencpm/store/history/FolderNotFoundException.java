package org.opencpm.store.history;

/** The folder an operation names does not exist in the user's store. */
public class FolderNotFoundException extends MessageStoreException {

    private static final long serialVersionUID = 1L;

    public FolderNotFoundException(String user, HistoryFolder folder) {
        super("no folder " + folder + " in the store of " + user);
    }
}
