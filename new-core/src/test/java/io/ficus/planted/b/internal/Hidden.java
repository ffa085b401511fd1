package io.ficus.planted.b.internal;

/** Internal to module b. */
public class Hidden {
}
