/**
 * Legacy to core: raw CDC row changes in, canonical {@link io.ficus.contracts.LegacyChange}
 * events out. One package-private mapper per legacy table, each unit-tested with real row
 * shapes as cdc-bridge publishes them.
 */
package io.ficus.adapter.inbound;
