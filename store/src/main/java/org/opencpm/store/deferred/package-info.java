/**
 * Durable store-and-forward data of the terminating Participating Function: standalone CPM messages
 * deferred for an unavailable served user ({@link org.opencpm.store.deferred.DeferredMessageStore},
 * OMA CPM Conv Fnct §8.3.1.6) and the data of group sessions the PF remains in on the user's behalf
 * ({@link org.opencpm.store.deferred.DeferredGroupStore}, §8.3.2.9).
 *
 * <p>Interfaces carry the plain names; the embedded implementations ({@code Sqlite…}) keep everything
 * in SQLite databases under the data directory and survive {@code kill -9} at any point without losing
 * an acknowledged write (see {@link org.opencpm.store.sqlite.SqliteDatabase}).
 */
package org.opencpm.store.deferred;
