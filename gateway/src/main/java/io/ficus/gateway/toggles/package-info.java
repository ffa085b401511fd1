/**
 * Runtime toggles: the mode of every route (with its canary percentage, and whether NEW
 * shadows the legacy for reads), kept in the gateway's PostgreSQL schema and mirrored
 * into an immutable in-memory snapshot that the request path reads. Every instance reloads the
 * snapshot on a short interval, so a change made through any instance reaches all of them within
 * a second, and survives restarts. Changes are refused when they would split the write routes of
 * a group between the two systems (single writer per aggregate), and every change is audited.
 */
package io.ficus.gateway.toggles;
