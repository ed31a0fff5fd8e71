/**
 * The CPM Controlling Function (§9): the focus of CPM Group Sessions. {@link org.opencpm.server.cf.ControllingFunction}
 * is the entry the edge calls; procedures are one class each ({@code GroupAdmission}, {@code GroupCreation},
 * {@code ParticipantReferral}, {@code ParticipantRemoval} for CF-RM-01…08, {@code ConferenceNotifier} for the
 * conference event package); {@link org.opencpm.server.cf.GroupMedia} is the CF's media plane, on MSRP sockets in
 * production ({@link org.opencpm.server.cf.MsrpGroupMedia}) and recorded in procedure tests.
 */
package org.opencpm.server.cf;
