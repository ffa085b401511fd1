/**
 * Runtime toggles: the mode of every route (with its canary percentage, and whether NEW
 * shadows the legacy for reads), kept in the gateway's PostgreSQL schema and mirrored
 * into an immutable in-memory snapshot that the request path reads. Every instance reloads the
 * snapshot on a short interval, so a change made through any instance reaches all of them within
 * a second, and survives restarts. Changes are refused when they would split the write routes of
 * a group between the two systems (single writer per aggregate), or put any route of a group with
 * write routes in CANARY (canary is for reads only; see {@code io.ficus.gateway.cutover}), and
 * every change is audited. A change is planned ({@code ToggleStore.planRoute/planGroup}, which
 * tells whether it moves the group's writes), then applied in one transaction that plans it again
 * under the rows' locks; the admin API goes through {@code io.ficus.gateway.cutover.Cutover}, which
 * turns a change that moves a group's writes into a handover.
 */
package io.ficus.gateway.toggles;
