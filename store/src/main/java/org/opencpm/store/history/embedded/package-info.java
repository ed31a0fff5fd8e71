/** The embedded CPM Message Store: one SQLite file, {@code data-dir/history.db}, with IMAP semantics. */
package org.opencpm.store.history.embedded;
