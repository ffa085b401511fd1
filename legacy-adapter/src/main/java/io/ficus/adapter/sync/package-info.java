/**
 * Bookkeeping shared by both directions, kept in the {@code ficus} schema of the legacy
 * database: which legacy transactions the adapter itself wrote (so their CDC events are
 * recognised as echoes and dropped), and which core aggregate version was last written.
 */
package io.ficus.adapter.sync;
