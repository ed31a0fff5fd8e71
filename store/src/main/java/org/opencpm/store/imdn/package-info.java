/**
 * The IMDN message-id / disposition-type cache of OMA CPM Conv Fnct §8.3.4 and §8.2.4
 * ({@link org.opencpm.store.imdn.ImdnCache}, AMB-03), with its embedded SQLite implementation.
 */
package org.opencpm.store.imdn;
