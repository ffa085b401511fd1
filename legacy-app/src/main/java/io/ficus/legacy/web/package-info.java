/**
 * Web plumbing: the one error body for every failure (exception handler and container error page) and strict JSON binding, so bad input is a 400 that names the field and never a 500.
 */
package io.ficus.legacy.web;
