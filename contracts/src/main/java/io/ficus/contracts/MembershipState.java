package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A membership's full state: one user's role in one project.
 *
 * @param id        membership id
 * @param projectId the project
 * @param userId    the member
 * @param role      ADMIN or MEMBER
 * @param state     OPEN (invited) or ACCEPTED
 * @param createdAt creation date-time in the legacy's zone, second precision
 */
public record MembershipState(UUID id, UUID projectId, UUID userId, MembershipRole role, MembershipStatus state,
                              LocalDateTime createdAt) implements EntityState {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.MEMBERSHIP;
    }
}
