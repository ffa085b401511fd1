package io.ficus.core.memberships;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MembershipTest {

    static Membership admin() {
        return new Membership(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), MembershipRole.ADMIN, MembershipStatus.ACCEPTED,
                LocalDateTime.now(), 1);
    }

    @Test
    void theLastAcceptedAdminCanNeitherBeDemotedNorRemoved() {
        Membership m = admin();
        assertThatThrownBy(() -> m.withRole(MembershipRole.MEMBER, 1)).isInstanceOf(ApiException.class)
                .hasMessage("project " + m.projectId() + " would be left without an admin");
        assertThatThrownBy(() -> m.checkRemovable(1)).hasMessage("membership " + m.id() + " is the last admin of project " + m.projectId());
        assertThat(m.withRole(MembershipRole.MEMBER, 2).role()).isEqualTo(MembershipRole.MEMBER);
    }
}
