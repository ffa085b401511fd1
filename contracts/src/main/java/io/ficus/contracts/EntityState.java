package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/**
 * The full state of one entity in the canonical model, as both stores must agree on it.
 * Serialised with a {@code type} discriminator so that one topic can carry every type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UserState.class, name = "USER"),
        @JsonSubTypes.Type(value = ProjectState.class, name = "PROJECT"),
        @JsonSubTypes.Type(value = MembershipState.class, name = "MEMBERSHIP"),
        @JsonSubTypes.Type(value = PhaseState.class, name = "PHASE"),
        @JsonSubTypes.Type(value = TicketState.class, name = "TICKET")})
public sealed interface EntityState permits UserState, ProjectState, MembershipState, PhaseState, TicketState {

    /** The entity's id, which is also the Kafka key of every event about it. */
    UUID id();

    EntityType entityType();
}
