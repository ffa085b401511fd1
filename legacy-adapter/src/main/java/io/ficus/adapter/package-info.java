/**
 * legacy-adapter: the anti-corruption layer between the legacy schema and the new core.
 *
 * <p>Inbound, it reads the raw legacy row changes that cdc-bridge publishes on
 * {@code legacy.cdc.<table>} and translates each into a canonical
 * {@link io.ficus.contracts.LegacyChange} on {@code ticketing.legacy-changes}. The legacy
 * model (upper-case abbreviated columns, string ids, delete flags, delimited assignees,
 * integer codes) never travels past this module.
 */
package io.ficus.adapter;
