/**
 * Small helpers shared by the features: the legacy's clock (UTC, to the second) and the base of rows with
 * application-assigned ids. Input checks come from the app-support library ({@code io.ficus.support.web.Checks}).
 */
package io.ficus.legacy.support;
