package io.ficus.core.memberships;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MembershipTest {

    static Membership admin() {
        return new Membership(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), MembershipRole.ADMIN, MembershipStatus.ACCEPTED,
                LocalDateTime.now(), 1);
    }

    /** Rules of a project with this many accepted admins. */
    static MembershipRules admins(long n) {
        return new MembershipRules() {
            @Override
            public boolean isUser(UUID userId) {
                return true;
            }

            @Override
            public boolean hasMembership(UUID projectId, UUID userId) {
                return false;
            }

            @Override
            public long acceptedAdmins(UUID projectId) {
                return n;
            }
        };
    }

    static ChangeMembership demote(Membership m) {
        return new ChangeMembership(m.id(), Set.of("role"), null, MembershipRole.MEMBER);
    }

    @Test
    void theLastAcceptedAdminCanNeitherBeDemotedNorRemoved() {
        Membership m = admin();
        assertThatThrownBy(() -> m.change(demote(m), false, true, admins(1))).isInstanceOf(ApiException.class)
                .hasMessage("project " + m.projectId() + " would be left without an admin");
        assertThatThrownBy(() -> m.remove(admins(1))).hasMessage("membership " + m.id() + " is the last admin of project " + m.projectId());
        assertThat(m.isUnchanged()).isTrue();
        m.change(demote(m), false, true, admins(2));
        assertThat(m.role()).isEqualTo(MembershipRole.MEMBER);
        assertThat(m.version()).isEqualTo(2);
    }

    @Test
    void acceptingAnAcceptedMembershipIsNoChange() {
        Membership m = admin();
        m.change(new ChangeMembership(m.id(), Set.of("state"), MembershipStatus.ACCEPTED, null), true, true, admins(1));
        assertThat(m.isUnchanged()).isTrue();
    }

    @Test
    void onlyTheInviteeAccepts() {
        Membership m = admin();
        assertThatThrownBy(() -> m.change(new ChangeMembership(m.id(), Set.of("state"), MembershipStatus.ACCEPTED, null), false, true,
                admins(1))).hasMessage("only the invitee may accept an invitation");
    }
}
