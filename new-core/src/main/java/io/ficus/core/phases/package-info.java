/**
 * Phases: each project's board, an ordered list of phases with contiguous positions 0..n-1. A
 * phase that holds tickets, or a project's last phase, cannot be deleted: the module counts
 * tickets per phase in its own read model ({@code phases_ticket}), fed by ticket events, and
 * never asks the tickets module. Changes to one board are serialised on the project's row in
 * {@code phases_project}; each phase carries its own version. Creates the default phases of a
 * registered user's default project and removes a deleted project's phases.
 */
package io.ficus.core.phases;
