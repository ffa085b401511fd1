package io.ficus.support.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON string of a request, refused when it holds a NUL character (PostgreSQL can neither
 * store nor compare one): a 400 naming the field, the first such field in the document.
 */
final class NoNulStrings extends StringDeserializer {

    static final String MESSAGE = "must not contain NUL characters";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(p, MESSAGE, value, String.class);
        }
        return value;
    }

    /** Whether this failure is a NUL refused here. */
    static boolean refused(InvalidFormatException e) {
        return e.getTargetType() == String.class && e.getValue() instanceof String s && s.indexOf('\u0000') >= 0;
    }
}
