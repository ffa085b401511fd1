/**
 * Phases: a project's ordered board, positions 0..n-1 without gaps after every insert, move and delete; a phase with live tickets or a project's last phase cannot be deleted.
 */
package io.ficus.legacy.phases;
