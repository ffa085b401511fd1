/**
 * Tickets: created in the project's first phase, assignees kept as a ';'-joined column and restricted to accepted members, filters by phase and assignee, deletion by flag.
 */
package io.ficus.legacy.tickets;
