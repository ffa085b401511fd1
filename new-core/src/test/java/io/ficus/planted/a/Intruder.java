package io.ficus.planted.a;

import io.ficus.planted.b.internal.Hidden;

/** Module a reaching into module b's internals: the violation ModularityTests must catch. */
public class Intruder {
    Hidden hidden = new Hidden();
}
